"""What the test peers app.py and askui_api.py share: the AskUI Workspaces API's
pydantic v2 models, its security and its update operation, and the plumbing of
a peer app (reading a request's body in a recording middleware, the command
line).

app.py serves the seed operation (specs/askui-workspaces.yaml), askui_api.py
more of the spec (specs/askui-api.json); both are
run as scripts (`python peer/<app>.py`), so this directory is on `sys.path`.
The models are built the way the real service's are: discriminated unions on
`status` / `type` whose `Literal` tags have defaults, camelCase aliases,
`dict[str, Any]` with `min_length=1`, UUID4 ids.  Models only one app needs
stay in that app.
"""

import argparse
import os
import sys
import threading
from datetime import datetime, timezone
from typing import Annotated, Any, Awaitable, Callable, Literal, Optional, Union
from uuid import uuid4

import uvicorn
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import UUID4, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

# --------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------


class CamelModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


NonEmptyData = Annotated[dict[str, Any], Field(min_length=1)]


class WebhookResponse(CamelModel):
    status_code: int
    headers: dict[str, str]
    body: str


class DataDestinationDeliveryAskUiWorkflow(CamelModel):
    type: Literal["ASKUI_WORKFLOW"] = "ASKUI_WORKFLOW"
    schedule_id: str


class DataDestinationDeliveryWebhook(CamelModel):
    type: Literal["WEBHOOK"] = "WEBHOOK"
    response: WebhookResponse


DataDestinationDelivery = Annotated[
    Union[DataDestinationDeliveryAskUiWorkflow, DataDestinationDeliveryWebhook],
    Field(discriminator="type"),
]


# --- domain entities (module workspaces.domain.entities in the real service)


class AgentExecutionStatePendingInputs(CamelModel):
    status: Literal["PENDING_INPUTS"] = Field(
        default="PENDING_INPUTS",
        description="The agent is waiting for inputs, e.g., files to be uploaded. "
        "An agent may stay in this state in failure cases, e.g., if file upload fails.",
    )


class AgentExecutionStatePendingDataExtraction(CamelModel):
    status: Literal["PENDING_DATA_EXTRACTION"] = Field(
        default="PENDING_DATA_EXTRACTION",
        description="The agent has all inputs at hand and is about to or already "
        "extracting data from inputs. An agent may stay in this state in failure "
        "cases, e.g., if data extraction fails.",
    )


class AgentExecutionStatePendingReview(CamelModel):
    status: Literal["PENDING_REVIEW"] = Field(
        default="PENDING_REVIEW",
        description="The agent is waiting for the user to review the extracted data. "
        "An agent may stay if the user never confirms the data or cancels the execution.",
    )
    data_extracted: NonEmptyData


class AgentExecutionStateCanceled(CamelModel):
    status: Literal["CANCELED"] = Field(
        default="CANCELED", description="The agent execution was canceled by the user."
    )
    data_extracted: Optional[dict[str, Any]] = None


class AgentExecutionStateConfirmed(CamelModel):
    status: Literal["CONFIRMED"] = Field(
        default="CONFIRMED", description="The user confirmed the extracted data."
    )
    data_extracted: NonEmptyData
    data_confirmed: NonEmptyData


# The real service has two classes named AgentExecutionStateDeliveredToDestination
# in different modules; pydantic then names their schemas after the modules, which
# is where the seed's long component names come from.  Reproduce that (this file
# therefore must not use `from __future__ import annotations`: the annotations of
# these two classes could not be resolved in their made-up modules).  The apps use
# them by the names EntitiesDeliveredToDestination and UseCaseDeliveredToDestination.
class AgentExecutionStateDeliveredToDestination(CamelModel):
    __module__ = "workspaces.domain.entities"

    status: Literal["DELIVERED_TO_DESTINATION"] = Field(
        default="DELIVERED_TO_DESTINATION",
        description="The extracted data was successfully delivered to the "
        "destination(s), e.g., an AskUI workflow invoked with the data.",
    )
    data_extracted: dict[str, Any]
    data_confirmed: dict[str, Any]
    deliveries: list[DataDestinationDelivery] = Field(default_factory=list)


EntitiesDeliveredToDestination = AgentExecutionStateDeliveredToDestination

AgentExecutionState = Annotated[
    Union[
        AgentExecutionStatePendingInputs,
        AgentExecutionStatePendingDataExtraction,
        AgentExecutionStatePendingReview,
        AgentExecutionStateCanceled,
        AgentExecutionStateConfirmed,
        EntitiesDeliveredToDestination,
    ],
    Field(discriminator="status"),
]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class AgentExecution(CamelModel):
    id: UUID4 = Field(default_factory=uuid4)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    agent_id: UUID4
    workspace_id: UUID4
    state: AgentExecutionState


# --- use case command (module workspaces.use_cases.agent_executions...)


class AgentExecutionPendingReview(CamelModel):
    status: Literal["PENDING_REVIEW"] = "PENDING_REVIEW"
    data_extracted: NonEmptyData


class AgentExecutionCancel(CamelModel):
    status: Literal["CANCELED"] = "CANCELED"


class AgentExecutionConfirm(CamelModel):
    status: Literal["CONFIRMED"] = "CONFIRMED"
    data_confirmed: NonEmptyData


class AgentExecutionStateDeliveredToDestination(CamelModel):  # noqa: F811 (see above)
    __module__ = "workspaces.use_cases.agent_executions.update_agent_execution"

    status: Literal["DELIVERED_TO_DESTINATION"] = "DELIVERED_TO_DESTINATION"
    deliveries: list[DataDestinationDelivery] = Field(default_factory=list)


UseCaseDeliveredToDestination = AgentExecutionStateDeliveredToDestination


class AgentExecutionUpdateCommand(CamelModel):
    state: Annotated[
        Union[
            AgentExecutionPendingReview,
            AgentExecutionCancel,
            AgentExecutionConfirm,
            UseCaseDeliveredToDestination,
        ],
        Field(discriminator="status"),
    ]


# --------------------------------------------------------------------------
# Security: HTTP bearer `Bearer` OR the apiKey `Basic` in the `Authorization`
# header
# --------------------------------------------------------------------------

bearer_scheme = HTTPBearer(scheme_name="Bearer", auto_error=False)
api_key_scheme = APIKeyHeader(name="Authorization", scheme_name="Basic", auto_error=False)


def authenticated(
    bearer: Annotated[Optional[HTTPAuthorizationCredentials], Depends(bearer_scheme)],
    api_key: Annotated[Optional[str], Depends(api_key_scheme)],
) -> str:
    if bearer is not None and bearer.credentials:
        return bearer.credentials
    if api_key:
        return api_key
    raise HTTPException(
        status_code=401,
        detail="Not authenticated",
        headers={"WWW-Authenticate": "Bearer"},
    )


Credentials = Annotated[str, Depends(authenticated)]

# --------------------------------------------------------------------------
# update_agent_execution
# --------------------------------------------------------------------------

# The route's arguments but `responses`, which each app lists in its spec's order.
UPDATE_AGENT_EXECUTION_ROUTE: dict[str, Any] = {
    "path": "/api/v1/agent-executions/{agent_execution_id}",
    "tags": ["agent-executions"],
    "summary": "Update Agent Execution",
    "response_model": AgentExecution,
}


def next_state(current: Any, requested: Any) -> Any:
    """The state an update to `requested` (a command's state) moves an execution
    in state `current` to, with no transition rules: PENDING_REVIEW with the new
    dataExtracted, CANCELED keeping the stored dataExtracted, CONFIRMED with the
    stored dataExtracted (else the new dataConfirmed) and the new dataConfirmed,
    DELIVERED_TO_DESTINATION with the stored data (or {}) and the deliveries."""
    stored_extracted = getattr(current, "data_extracted", None)
    stored_confirmed = getattr(current, "data_confirmed", None)
    if isinstance(requested, AgentExecutionPendingReview):
        return AgentExecutionStatePendingReview(data_extracted=requested.data_extracted)
    if isinstance(requested, AgentExecutionCancel):
        return AgentExecutionStateCanceled(data_extracted=stored_extracted)
    if isinstance(requested, AgentExecutionConfirm):
        return AgentExecutionStateConfirmed(
            data_extracted=stored_extracted or requested.data_confirmed,
            data_confirmed=requested.data_confirmed,
        )
    return EntitiesDeliveredToDestination(
        data_extracted=stored_extracted or {},
        data_confirmed=stored_confirmed or {},
        deliveries=requested.deliveries,
    )


# --------------------------------------------------------------------------
# Plumbing of a peer app
# --------------------------------------------------------------------------


async def read_body(receive) -> tuple[bytes, Callable[[], Awaitable[dict]]]:
    """For a pure ASGI middleware: reads the whole request body from `receive`;
    returns it and a `receive` for the app that hands it the same messages."""
    chunks = []
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break

    async def replay():
        if messages:
            return messages.pop(0)
        return await receive()

    return b"".join(chunks), replay


def _exit_on_stdin_eof() -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def serve(app: FastAPI, description: str) -> None:
    """The command line of a peer app: `--port N [--host H] [--no-stdin-watch]`;
    serves `app` until standard input reaches EOF (unless --no-stdin-watch)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--no-stdin-watch",
        action="store_true",
        help="do not exit when standard input reaches EOF",
    )
    args = parser.parse_args()
    if not args.no_stdin_watch:
        threading.Thread(target=_exit_on_stdin_eof, name="stdin-watch", daemon=True).start()
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
