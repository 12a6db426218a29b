// Tests that import the support module get the shared vocabulary (Sample, SeriesLabels, SplitMix64) with it.
@_exported import SeismoCore
