"""Apache Airflow 3.3.2's API server, for tests/airflow.rs: a real third-party FastAPI service.

Run with the interpreter of target/airflow-venv (peer/airflow-requirements.txt), with the same
command line as the other peers:

    python airflow_server.py --port 8126 [--host 127.0.0.1] [--no-stdin-watch]

It makes a fresh AIRFLOW_HOME under target/ (SQLite, no example DAGs), migrates the database,
and runs `airflow api-server` in a process group of its own, which it kills when standard input
reaches EOF (so a test process that dies never leaves Airflow running) or when it is killed.

Auth is Airflow's own SimpleAuthManager: user `admin` (role admin) with password USER_PASSWORD;
`POST /auth/token` with {"username", "password"} gives the bearer token every /api/v2 route
needs. `/openapi.json` is the document of the REST API (specs/airflow.yaml is the same one, as
the Airflow wheel ships it).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading

USER_PASSWORD = "smelt-test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--no-stdin-watch", action="store_true")
    args = parser.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "..", "..", "target")
    os.makedirs(target, exist_ok=True)
    home = tempfile.mkdtemp(prefix=f"airflow-home-{args.port}-", dir=target)
    passwords = os.path.join(home, "passwords.json")
    with open(passwords, "w") as f:
        json.dump({"admin": USER_PASSWORD}, f)
    env = dict(
        os.environ,
        AIRFLOW_HOME=home,
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS="admin:admin",
        AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE=passwords,
        AIRFLOW__API_AUTH__JWT_SECRET="smelt-tests-only",
    )
    airflow = os.path.join(os.path.dirname(sys.executable), "airflow")
    subprocess.run([airflow, "db", "migrate"], env=env, check=True)
    server = subprocess.Popen(
        [airflow, "api-server", "--host", args.host, "--port", str(args.port)],
        env=env,
        start_new_session=True,
    )

    def stop(*_):
        try:
            os.killpg(server.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass

    signal.signal(signal.SIGTERM, stop)
    if not args.no_stdin_watch:

        def watch() -> None:
            sys.stdin.read()
            stop()

        threading.Thread(target=watch, daemon=True).start()
    try:
        server.wait()
    finally:
        stop()


if __name__ == "__main__":
    main()
