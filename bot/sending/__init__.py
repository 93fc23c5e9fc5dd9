"""The one sending layer: the rate limiter, the outbox sender and what each feature renders."""
