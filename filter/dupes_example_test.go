package filter_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/letterbox-mail/letterbox/filter"
)

// Reply once per sender and handle within the vacation period.
func ExampleDupeStore() {
	home, _ := os.MkdirTemp("", "dupes-example")
	defer os.RemoveAll(home)
	store, err := filter.NewDupeStore(filter.DupeStoreOptions{Path: filter.DefaultVacationPath(home)})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	period := 24 * time.Hour
	for _, at := range []time.Duration{0, time.Hour, 25 * time.Hour} {
		t := now.Add(at)
		send, err := store.Claim(ctx, "anna@example.org", "away-handle", t, t.Add(period))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("after %v: send reply %v\n", at, send)
	}
	fmt.Println(filepath.Base(store.Path()))
	// Output:
	// after 0s: send reply true
	// after 1h0m0s: send reply false
	// after 25h0m0s: send reply true
	// .letterbox.vacation
}
