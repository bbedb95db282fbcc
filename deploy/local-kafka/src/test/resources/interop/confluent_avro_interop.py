"""Reads and writes Avro records with Confluent's own Python client, against burnwatch's schema registry.

consume: prints the first COUNT records of partition 0 of TOPIC as JSON lines (timestamp-millis fields as epoch millis).
produce: registers the schema in SCHEMA_FILE and writes the record in RECORD_JSON (timestamp-millis fields as
         epoch millis), keyed by its user_id; prints {"schema_id": n}.
"""
import argparse
import json
import struct
import sys
from datetime import datetime, timedelta, timezone

from confluent_kafka import OFFSET_BEGINNING, DeserializingConsumer, SerializingProducer, TopicPartition
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import StringDeserializer, StringSerializer

TIMESTAMP_FIELDS = ("ts",)
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MILLISECOND = timedelta(milliseconds=1)


def to_json(value):
    if isinstance(value, datetime):
        return (value - EPOCH) // MILLISECOND
    raise TypeError("cannot write %r as JSON" % (value,))


def consume(args, registry):
    consumer = DeserializingConsumer({
        "bootstrap.servers": args.bootstrap_servers,
        "group.id": args.group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "key.deserializer": StringDeserializer("utf_8"),
        "value.deserializer": AvroDeserializer(registry),
    })
    # Assigned rather than subscribed: reading needs no consumer group rebalance.
    consumer.assign([TopicPartition(args.topic, 0, OFFSET_BEGINNING)])
    seen = 0
    deadline = datetime.now().timestamp() + args.timeout
    try:
        while seen < args.count:
            if datetime.now().timestamp() > deadline:
                sys.exit("read %d of %d records from %s before the timeout" % (seen, args.count, args.topic))
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                sys.exit("consumer error: %s" % message.error())
            print(json.dumps({"key": message.key(), "value": message.value()}, default=to_json), flush=True)
            seen += 1
    finally:
        consumer.close()


def produce(args, registry):
    with open(args.schema_file) as schema_file:
        schema = schema_file.read()
    record = json.loads(args.record_json)
    for field in TIMESTAMP_FIELDS:
        record[field] = EPOCH + record[field] * MILLISECOND
    producer = SerializingProducer({
        "bootstrap.servers": args.bootstrap_servers,
        "key.serializer": StringSerializer("utf_8"),
        "value.serializer": AvroSerializer(registry, schema),
    })
    written = []
    producer.produce(args.topic, key=record["user_id"], value=record,
                     on_delivery=lambda error, message: written.append((error, message)))
    producer.flush(args.timeout)
    if not written or written[0][0] is not None:
        sys.exit("record not delivered: %s" % (written[0][0] if written else "timed out"))
    _, schema_id = struct.unpack(">bI", written[0][1].value()[:5])
    print(json.dumps({"schema_id": schema_id}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("consume", "produce"))
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--registry-url", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--group", default="confluent-python-interop")
    parser.add_argument("--schema-file")
    parser.add_argument("--record-json")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    registry = SchemaRegistryClient({"url": args.registry_url})
    if args.mode == "consume":
        consume(args, registry)
    else:
        produce(args, registry)


if __name__ == "__main__":
    main()
