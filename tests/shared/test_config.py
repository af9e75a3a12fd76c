from shared.config import Settings


def test_environment_names_the_tools_use(monkeypatch):
    monkeypatch.setenv("MONGO_URL", "mongodb://db:27017/")
    monkeypatch.setenv("AMQP_URL", "amqp://u:p@mq/")
    monkeypatch.setenv("CIVIC_NAMESPACE", "city")
    monkeypatch.setenv("CIVIC_UPSTREAMS", '{"registry": "http://registry:8001"}')
    settings = Settings(service="insurance")
    assert settings.mongo_url == "mongodb://db:27017/" and settings.amqp_url == "amqp://u:p@mq/"
    assert settings.database_name == "city_insurance"
    assert settings.port == 8002
    assert settings.upstream_urls()["registry"] == "http://registry:8001"
    assert settings.upstream_urls()["markets"] == "http://127.0.0.1:8004"
