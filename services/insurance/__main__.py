from services.insurance.main import create_app
from shared.runtime import serve

app = create_app()
serve(app, app.state.runtime.settings)
