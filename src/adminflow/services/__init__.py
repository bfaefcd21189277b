"""Use cases (nghiệp vụ): each workflow command in one unit of work, idempotent, retryable."""

from adminflow.services._services import CommandResult, Services

__all__ = ["CommandResult", "Services"]
