// Tests for PioneerRecords.
