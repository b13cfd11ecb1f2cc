"""From last year's ITA scores to this year's measures: catalogue, results import, weak points, o42 draft."""
