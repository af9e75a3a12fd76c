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


def test_tokens_are_required_unless_a_test_opts_out_and_the_opt_out_is_logged_loudly(monkeypatch, caplog):
    from dataclasses import dataclass

    from shared import runtime
    from shared.runtime import ProcessRuntime, create_app

    monkeypatch.setattr(runtime, "configure_logging", lambda *args: None)  # it would replace caplog's handler
    monkeypatch.delenv("CIVIC_AUTH_REQUIRED", raising=False)
    assert Settings(service="registry").auth_required is True

    @dataclass
    class Container:
        runtime: ProcessRuntime

        async def init_db(self) -> None: ...

    for required in (True, False):
        caplog.clear()
        create_app(Container(ProcessRuntime(Settings(service="registry", auth_required=required))), title="t",
                   routers=[])
        warned = [r for r in caplog.records if r.levelname == "WARNING" and "CIVIC_AUTH_REQUIRED=false" in r.message]
        assert bool(warned) is not required
