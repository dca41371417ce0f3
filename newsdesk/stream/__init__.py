"""Stories from a stream: each arriving article joins a story or starts a new one."""

from newsdesk.stream.clusterer import Assignment, StoryClusterer
from newsdesk.stream.decision import Decision, shipped_decision
from newsdesk.stream.signal import StorySignal, story_signals

__all__ = ["Assignment", "Decision", "StoryClusterer", "StorySignal", "shipped_decision", "story_signals"]
