"""Writes UsageEvents to a topic with Confluent's Python client as a librdkafka producer does by default.

The partitioner is left at librdkafka's default (consistent_random: CRC32 of the key), the point of the test.
RECORDS_JSON is a JSON list of records whose timestamp-millis fields are epoch millis; each is keyed by its
user_id. Prints one JSON line per record delivered: {"key": ..., "partition": n}.
"""
import argparse
import json
import sys
from datetime import datetime, timedelta, timezone

from confluent_kafka import SerializingProducer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import StringSerializer

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--registry-url", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--schema-file", required=True)
    parser.add_argument("--records-json", required=True)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()

    with open(args.schema_file) as schema_file:
        schema = schema_file.read()
    registry = SchemaRegistryClient({"url": args.registry_url})
    producer = SerializingProducer({
        "bootstrap.servers": args.bootstrap_servers,
        "key.serializer": StringSerializer("utf_8"),
        "value.serializer": AvroSerializer(registry, schema),
    })
    delivered = []
    for record in json.loads(args.records_json):
        record["ts"] = EPOCH + timedelta(milliseconds=record["ts"])
        producer.produce(args.topic, key=record["user_id"], value=record,
                         on_delivery=lambda error, message: delivered.append((error, message)))
    producer.flush(args.timeout)
    for error, message in delivered:
        if error is not None:
            sys.exit("record not delivered: %s" % error)
        print(json.dumps({"key": message.key().decode("utf-8"), "partition": message.partition()}), flush=True)


if __name__ == "__main__":
    main()
