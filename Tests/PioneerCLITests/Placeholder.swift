// Tests for PioneerCLI.
