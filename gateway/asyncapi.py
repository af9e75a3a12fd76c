"""AsyncAPI 3.0 of the event catalog, generated from the pydantic models (so it cannot drift), and an HTML page."""
from __future__ import annotations

import html
import json

from shared.events import CATALOG
from shared.events.base import Event

REF = "#/components/schemas/{model}"


def asyncapi(exchange: str = "civic.events", broker: str = "127.0.0.1:5672") -> dict:
    doc = {"asyncapi": "3.0.0",
           "info": {"title": "Civic Mesh events", "version": "1.0.0",
                    "description": "Every integration event: CloudEvents 1.0 envelopes on one topic exchange; "
                                   "the routing key is the event type."},
           "defaultContentType": "application/json",
           "servers": {"rabbitmq": {"host": broker, "protocol": "amqp", "protocolVersion": "0.9.1"}},
           "channels": {}, "operations": {}, "components": {"messages": {}, "schemas": {}}}
    for event in CATALOG:
        _add_event(doc, event, exchange)
    return doc


def _add_event(doc: dict, event: type[Event], exchange: str) -> None:
    name = event.__name__
    schema = event.model_json_schema(ref_template=REF)
    doc["components"]["schemas"].update(schema.pop("$defs", {}))
    doc["components"]["schemas"][name] = schema
    doc["components"]["messages"][name] = {
        "name": event.type, "title": name, "summary": (event.__doc__ or "").strip().split("\n")[0],
        "payload": {"$ref": REF.format(model=name)},
        "x-producer": event.producer, "x-consumers": list(event.consumers), "x-routing-key": event.type,
        "x-version": event.version}
    if event.informational:
        doc["components"]["messages"][name]["x-informational"] = event.informational
    channel = {"address": event.type, "messages": {name: {"$ref": f"#/components/messages/{name}"}},
               "bindings": {"amqp": {"is": "routingKey", "exchange": {"name": exchange, "type": "topic",
                                                                      "durable": True}}}}
    doc["channels"][event.type] = channel
    ref = {"$ref": f"#/channels/{_escape(event.type)}"}
    doc["operations"][f"{event.producer}.send.{event.type}"] = {"action": "send", "channel": ref,
                                                                "x-service": event.producer}
    for consumer in event.consumers:
        doc["operations"][f"{consumer}.receive.{event.type}"] = {"action": "receive", "channel": ref,
                                                                 "x-service": consumer}


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def asyncapi_html(doc: dict) -> str:
    rows, sections = [], []
    for name, message in doc["components"]["messages"].items():
        consumers = ", ".join(message["x-consumers"]) or f"none — informational: {message.get('x-informational', '')}"
        rows.append(f"<tr><td><a href='#{html.escape(name)}'><code>{html.escape(message['name'])}</code></a></td>"
                    f"<td>{html.escape(message['x-producer'])}</td><td>{html.escape(consumers)}</td>"
                    f"<td>{message['x-version']}</td></tr>")
        schema = json.dumps(doc["components"]["schemas"][name], indent=2, ensure_ascii=False)
        sections.append(f"<h2 id='{html.escape(name)}'>{html.escape(name)} <small><code>"
                        f"{html.escape(message['x-routing-key'])}</code></small></h2>"
                        f"<p>{html.escape(message['summary'])}</p><p>producer: <b>{html.escape(message['x-producer'])}"
                        f"</b> · consumers: <b>{html.escape(consumers)}</b></p><pre>{html.escape(schema)}</pre>")
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Civic Mesh events</title><style>"
            "body{font-family:sans-serif;max-width:70em;margin:auto}td,th{padding:.2em .8em;text-align:left}"
            "pre{background:#f4f4f4;padding:1em;overflow:auto}</style></head><body><h1>Civic Mesh events</h1>"
            "<p>AsyncAPI 3.0: <a href='/asyncapi.json'>/asyncapi.json</a></p><table><tr><th>routing key</th>"
            "<th>producer</th><th>consumers</th><th>version</th></tr>" + "".join(rows) + "</table>"
            + "".join(sections) + "</body></html>")
