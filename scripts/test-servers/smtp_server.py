#!/usr/bin/env python3
"""A small SMTP sink for the integration tests, on aiosmtpd.

Each message it accepts is written, as received (after dot-unstuffing), to MAILDIR/<time>-<id>.eml,
atomically (written under a dot-name, then renamed), so a reader never sees half a file.

Modes:
  starttls  STARTTLS required before anything else, AUTH required (PLAIN and LOGIN) with the one
            test user; any other login gets 535.
  implicit  the same behind TLS from the first byte (smtps).
  plain     no TLS, no AUTH: a local relay.

A file named `stall-next` beside the maildir (in the server's directory) makes the next message
to the address it holds (to anyone when it is empty) stall: the server takes its data, deletes the
file and never answers the final ".", until the client hangs up; that message is not written. The
tests use it to play a hung SMTP transaction.

Usage: smtp_server.py --port N --maildir DIR --cert C --key K [--mode M] [--user U --password P]
Stops cleanly on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import os
import signal
import ssl
import time
import uuid

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class MaildirHandler:
    def __init__(self, maildir):
        self.maildir = maildir

    async def handle_DATA(self, server, session, envelope):
        stall = os.path.join(os.path.dirname(os.path.abspath(self.maildir)), "stall-next")
        target = None
        if os.path.exists(stall):
            with open(stall) as f:
                target = f.read().strip()
        if target is not None and (not target or target in envelope.rcpt_tos):
            os.remove(stall)
            # Hold the reply until the client hangs up; the message is never accepted.
            while not server.transport.is_closing():
                await asyncio.sleep(0.05)
            return "421 4.3.0 gave up"
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        tmp = os.path.join(self.maildir, "." + name)
        envelope_headers = (
            f"X-Test-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Test-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        with open(tmp, "wb") as f:
            f.write(envelope_headers + envelope.original_content)
        os.rename(tmp, os.path.join(self.maildir, name))
        return "250 2.0.0 OK queued as " + name


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode():
            return AuthResult(success=True)
        # handled=False: aiosmtpd answers "535 5.7.8 Authentication credentials invalid".
        return AuthResult(success=False, handled=False)
    return authenticate


async def serve(args):
    handler = MaildirHandler(args.maildir)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(args.cert, args.key)

    def factory():
        common = dict(hostname="smtp.test", ident="auth-test-smtp")
        if args.mode == "plain":
            return SMTP(handler, **common)
        return SMTP(
            handler, **common,
            tls_context=tls if args.mode == "starttls" else None,
            require_starttls=args.mode == "starttls",
            auth_required=True,
            # aiosmtpd counts only STARTTLS as TLS; with implicit TLS every byte is encrypted anyway.
            auth_require_tls=args.mode == "starttls",
            authenticator=make_authenticator(args.user, args.password),
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        factory, host="127.0.0.1", port=args.port, reuse_address=True,
        ssl=tls if args.mode == "implicit" else None,
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--maildir", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--mode", choices=["starttls", "implicit", "plain"], default="starttls")
    p.add_argument("--user", default="mailer")
    p.add_argument("--password", default="s3cret-test-password")
    args = p.parse_args()
    os.makedirs(args.maildir, exist_ok=True)
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
