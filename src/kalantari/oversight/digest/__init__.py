"""The weekly early-warning digest (issue 8, part 6): contents, the rule, delivery.

`contents.digest_for(user=…, week=…)` reads one reader's digest; `rule.judge` is the
statistical rule; `delivery.digest_send` sends the week's digests once per reader.
"""

from kalantari.oversight.digest.contents import Digest, digest_for
from kalantari.oversight.digest.delivery import SendRun, digest_send
from kalantari.oversight.digest.rule import Judgement, Verdict, WeekValue, judge
from kalantari.oversight.digest.weeks import Week

__all__ = [
    "Digest",
    "Judgement",
    "SendRun",
    "Verdict",
    "Week",
    "WeekValue",
    "digest_for",
    "digest_send",
    "judge",
]
