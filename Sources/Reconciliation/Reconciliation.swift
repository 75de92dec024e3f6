// Reconciliation module
