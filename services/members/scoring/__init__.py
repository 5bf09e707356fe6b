"""Member performance scoring (委员履职量化考评, DOMAIN §5.3–5.4) — pure.

`Fact` is one contributing fact of a member's performance file; `ScoringRuleset` the
county's rule set for a year (default = the §5.4 recommendation, overrides from TOML at
the edge); `score(facts, ruleset)` the explainable score card; `evaluate_constraints` the
constraint rules. No I/O, no clock: everything comes in as arguments.
"""

from services.members.scoring.constraints import MemberTerm, Trigger, evaluate_constraints
from services.members.scoring.facts import Fact, GroupSpell, township_at
from services.members.scoring.ruleset import (
    DEFAULT_RULESET,
    CapGroup,
    ConstraintRules,
    GradeBand,
    ScoringConfig,
    ScoringRuleset,
    build_config,
)
from services.members.scoring.score import CategoryScore, ScoreCard, ScoredFact, score

__all__ = [
    "DEFAULT_RULESET",
    "CapGroup",
    "CategoryScore",
    "ConstraintRules",
    "Fact",
    "GradeBand",
    "GroupSpell",
    "MemberTerm",
    "ScoreCard",
    "ScoredFact",
    "ScoringConfig",
    "ScoringRuleset",
    "Trigger",
    "build_config",
    "evaluate_constraints",
    "score",
    "township_at",
]
