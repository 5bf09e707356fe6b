"""A tiny aggregate used by the event-store and runner contract tests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, Integer, String

from shared.domain import Decider, Rejected
from shared.events import DomainEvent, EventRegistry, RecordedEvent
from shared.projection import Projection, Write

registry = EventRegistry()


@registry.register
class Opened(DomainEvent):
    context = "sample"
    aggregate = "account"
    name = "opened"
    owner: str
    township_id: str | None = None


@registry.register
class Deposited(DomainEvent):
    context = "sample"
    aggregate = "account"
    name = "deposited"
    amount: int


@dataclass(frozen=True)
class Account:
    opened: bool = False
    balance: int = 0
    deposits: int = 0


def evolve(state: Account, event: DomainEvent) -> Account:
    if isinstance(event, Opened):
        return Account(opened=True)
    if isinstance(event, Deposited):
        return Account(True, state.balance + event.amount, state.deposits + 1)
    return state


account = Decider("sample", "account", Account(), evolve)


def deposit(amount: int):  # type: ignore[no-untyped-def]
    def decide(states: list[Account]) -> list[DomainEvent]:
        if not states[0].opened:
            raise Rejected("账户未开立")
        return [Deposited(amount=amount)]

    return decide


class Balances(Projection):
    name = "balances"
    sources = ("SAMPLE",)
    registry = registry
    poison_amount: int | None = None
    table_name = "balances"

    def define(self) -> None:
        self.t = self.table(
            self.table_name,
            Column("account_id", String(64), primary_key=True),
            Column("owner", String(64)),
            Column("balance", Integer, nullable=False),
            Column("deposits", Integer, nullable=False),
        )
        from sqlalchemy import bindparam, insert, update

        self.ins = insert(self.t)
        self.dep = (
            update(self.t)
            .where(self.t.c.account_id == bindparam("b_id"))
            .values(
                balance=self.t.c.balance + bindparam("b_amount"), deposits=self.t.c.deposits + 1
            )
        )
        self.on(Opened, self.opened)
        self.on(Deposited, self.deposited)

    def opened(self, rec: RecordedEvent) -> list[Write]:
        assert isinstance(rec.event, Opened)
        return [
            (
                self.ins,
                {
                    "account_id": rec.aggregate_id,
                    "owner": rec.event.owner,
                    "balance": 0,
                    "deposits": 0,
                },
            )
        ]

    def deposited(self, rec: RecordedEvent) -> list[Write]:
        assert isinstance(rec.event, Deposited)
        if self.poison_amount is not None and rec.event.amount == self.poison_amount:
            raise ValueError("poison event")
        return [(self.dep, {"b_id": rec.aggregate_id, "b_amount": rec.event.amount})]
