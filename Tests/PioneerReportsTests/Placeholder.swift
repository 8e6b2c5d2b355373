// Tests for PioneerReports.
