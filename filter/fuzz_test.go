package filter_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/letterbox-mail/letterbox/filter"
)

// FuzzCompileRun feeds arbitrary scripts and messages to Compile and Run:
// neither may panic, and a run must end within its deadline.
func FuzzCompileRun(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "corpus", "[0-9]*"))
	for _, dir := range dirs {
		script, err1 := os.ReadFile(filepath.Join(dir, "script.sieve"))
		msg, err2 := os.ReadFile(filepath.Join(dir, "message.eml"))
		if err1 == nil && err2 == nil {
			f.Add(string(script), string(msg))
		}
	}
	f.Add(`require ["regex", "variables", "date", "index", "body", "vacation"];
if header :index 1 :regex "subject" "(.*)" { set "s" "${1}"; }
if date :zone "+0100" :is "date" "year" "2024" { vacation :subject "${s}" "x"; }
if body :text :matches "*a?b*" { discard; }`, testMessage)
	limits := filter.Limits{MaxScriptBytes: 64 << 10, MaxNesting: 16, MaxHeaders: 200}
	f.Fuzz(func(t *testing.T, script, msg string) {
		s, err := filter.Compile("fuzz.sieve", []byte(script), filter.CompileOptions{Limits: limits})
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.sieve:") {
				t.Fatalf("compile error without position: %v", err)
			}
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		res, err := s.Run(ctx, filter.Input{
			Envelope: filter.Envelope{From: "a@example.org", To: "tim@shisaa.jp"},
			Message:  strings.NewReader(msg),
			Size:     int64(len(msg)),
			Now:      time.Unix(1700000000, 0),
			Trace: func(e filter.TraceEvent) {
				if e.Pos.Line < 1 || e.Text == "" {
					t.Fatalf("trace event without position or text: %+v", e)
				}
			},
		})
		if len(res.Actions) == 0 && res.ImplicitKeep {
			t.Fatalf("implicit keep without a store action (err %v)", err)
		}
		if ctx.Err() != nil {
			t.Fatalf("run took too long")
		}
	})
}

// FuzzAddressList feeds arbitrary address headers to the Pigeonhole-style
// address-list parser behind the address test: a run never panics and
// fails only the way Pigeonhole does (a mailbox name that is not UTF-8).
func FuzzAddressList(f *testing.F) {
	for _, s := range []string{
		`"Doe, John" <john@example.com>, b@example.net`,
		`undisclosed-recipients:;`,
		`grp: a@x.y, (c) b@x.y;, c@x.y`,
		`bad<<address, b@x.y`,
		`=?utf-8?q?J=C3=BCrgen?= <j@example.de>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		s := compile(t, `require ["fileinto", "variables"];
if address :matches :all ["to", "cc"] "*" { fileinto "${1}"; }`, filter.CompileOptions{})
		msg := "To: " + strings.ReplaceAll(strings.ReplaceAll(raw, "\r", " "), "\n", " ") + "\r\nCc: " + raw + "\r\n\r\n"
		// ${1} may hold bytes that are not UTF-8: fileinto then fails at
		// run time, as in Pigeonhole, and keeps the message.
		if res, err := s.Run(t.Context(), input(msg, testEnvelope)); err != nil && (!errors.Is(err, filter.ErrRuntime) || len(res.Actions) != 1) {
			t.Fatalf("run: %v %v", res, err)
		}
	})
}
