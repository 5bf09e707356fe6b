import asyncio
from nats.aio.client import Client as NATS
from tests.integration.notifications import foreign
from tests.integration.notifications.support import *

async def test_delete_consumer_live(service: Service, nc: NATS) -> None:
    await append(nc, foreign.proposals, "p1", foreign.ProposalSubmitted(proposal_id="p1", township_id="t", lead_author_id="m1", title="一"))
    await wait_inbox(service.client, ADMIN, recipient="member:m1")
    await nc.jetstream().delete_consumer("PROPOSALS", DURABLE)
    await asyncio.sleep(3)
    await append(nc, foreign.proposals, "p2", foreign.ProposalSubmitted(proposal_id="p2", township_id="t", lead_author_id="m1", title="二"))
    await wait_inbox(service.client, ADMIN, count=2, recipient="member:m1")
