// Tests for PioneerScreening.
