package logrot_test

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/letterbox-mail/letterbox/logrot"
)

// A slog.Logger writing to a shared, size-capped log. The time attribute is
// dropped only to make the output stable.
func ExampleWriter_Logger() {
	dir, _ := os.MkdirTemp("", "logrot-example")
	defer os.RemoveAll(dir)

	w, err := logrot.Open(filepath.Join(dir, "deliver.log"), logrot.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	lg := w.Logger(logrot.Text, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})
	lg.Info("delivered", "rcpt", "alice@example.org", "mailbox", "INBOX", "size", 2048)
	lg.Warn("deferred", "rcpt", "bob@example.org", "err", "over quota")
	w.Close()

	data, _ := os.ReadFile(w.Path())
	fmt.Print(string(data))
	// Output:
	// level=INFO msg=delivered rcpt=alice@example.org mailbox=INBOX size=2048
	// level=WARN msg=deferred rcpt=bob@example.org err="over quota"
}

// Files of 32 bytes at most, two rotated files kept: the oldest records go.
func ExampleWriter_Rotate() {
	dir, _ := os.MkdirTemp("", "logrot-example")
	defer os.RemoveAll(dir)

	w, _ := logrot.Open(filepath.Join(dir, "deliver.log"), logrot.Options{MaxBytes: 32, Keep: 2})
	for i := range 10 {
		fmt.Fprintf(w, "record %d: delivered\n", i) // 20 bytes: one per file
	}
	w.Close()

	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		name := e.Name()
		if _, _, err := logrot.ParseRotatedName("deliver.log", name); err == nil {
			name = "deliver.log.@<tai64n>"
		}
		fmt.Printf("%-22s %q\n", name, strings.TrimSpace(string(data)))
	}
	// Output:
	// deliver.log            "record 9: delivered"
	// deliver.log.@<tai64n>  "record 7: delivered"
	// deliver.log.@<tai64n>  "record 8: delivered"
	// deliver.log.lock       ""
}

// Rotated files are named after the TAI64N label of their rotation time.
func ExampleParseRotatedName() {
	t, kind, err := logrot.ParseRotatedName("deliver.log", "deliver.log.@400000006b014ba3075bcd15.gz")
	fmt.Println(t.UTC().Format("2006-01-02 15:04:05.000000000"), kind == logrot.Gzip, err)
	// Output:
	// 2026-11-21 07:43:21.123456789 true <nil>
}
