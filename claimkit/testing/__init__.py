"""Testing helpers shipped with claimkit: a seeded fuzz-input generator and the analysis invariants."""
