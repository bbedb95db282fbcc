"""Writes records to a topic as JSON with Confluent's Python client, as a librdkafka producer does by default.

The partitioner is left at librdkafka's default (consistent_random: CRC32 of the key). RECORDS is a file of one
JSON object per line; each is keyed by its user_id.
"""
import argparse
import json
import sys

from confluent_kafka import Producer


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--records", required=True)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    producer = Producer({"bootstrap.servers": args.bootstrap_servers, "enable.idempotence": True, "acks": "all"})
    errors = []

    def delivered(error, message):
        if error is not None:
            errors.append(str(error))

    with open(args.records) as lines:
        for line in lines:
            while True:
                try:
                    producer.produce(args.topic, key=json.loads(line)["user_id"], value=line.strip(),
                                     on_delivery=delivered)
                    break
                except BufferError:
                    producer.poll(0.1)
            producer.poll(0)
    left = producer.flush(args.timeout)
    if errors or left:
        sys.exit("not delivered: %d left, errors %s" % (left, errors[:3]))


if __name__ == "__main__":
    main()
