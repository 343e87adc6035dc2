package main

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// tracer answers the script's questions about its environment and
// records them for -trace. Its vacation history is empty: every sender is
// new, as in the conformance cases.
type tracer struct {
	mailboxes []string
	lines     []string
}

func (t *tracer) mailboxExists(name string) bool {
	ok := slices.Contains(t.mailboxes, name)
	t.lines = append(t.lines, fmt.Sprintf("mailboxexists %q: %v", name, ok))
	return ok
}

// Replied implements filter.VacationStore.
func (t *tracer) Replied(_ context.Context, sender, handle string, _ time.Time) (bool, error) {
	t.lines = append(t.lines, fmt.Sprintf("vacation history for %q (handle %q): no earlier reply", sender, handle))
	return false, nil
}

// Claim implements filter.VacationStore; sievetest never sends.
func (t *tracer) Claim(context.Context, string, string, time.Time, time.Time) (bool, error) {
	return true, nil
}

// Release implements filter.VacationStore.
func (t *tracer) Release(context.Context, string, string) error { return nil }
