"""Real races for the PostgreSQL pass: each call in its own thread and connection, all at one moment."""

import re
import threading
from collections import Counter

from django.core import mail
from django.db import connection

from lms.errors import ServiceError

OK = "ok"


def race(calls, *, timeout: int = 60) -> list[str]:
    """Run every call at once; each outcome is "ok", the ServiceError's message, or "error: ..." (a 500)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = [""] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            call()
            outcomes[index] = OK
        except ServiceError as error:
            outcomes[index] = error.message_text
        except Exception as error:  # anything else would be a 500
            outcomes[index] = f"error: {error!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(o.startswith("error") for o in outcomes), outcomes
    return outcomes


def mails_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def per_recipient() -> Counter:
    return Counter(address for m in mail.outbox for address in m.to)


def sequences(messages) -> list[int]:
    """The SEQUENCE of the calendar invitation attached to each message, in sending order."""
    found = []
    for message in messages:
        for attachment in message.attachments:
            content = attachment[1] if isinstance(attachment, tuple) else attachment.content
            if isinstance(content, bytes):
                content = content.decode()
            match = re.search(r"^SEQUENCE:(\d+)", str(content), re.M)
            if match:
                found.append(int(match.group(1)))
    return found
