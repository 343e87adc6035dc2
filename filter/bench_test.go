package filter_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/letterbox-mail/letterbox/filter"
)

// seedScript is the seed user's script: spam to Junk, a sender rule and
// the vacation responder.
const seedScript = `require ["fileinto", "envelope", "vacation"];
if header :contains "X-Spam-Flag" "YES" {
    fileinto "Junk";
    stop;
}
if envelope :is "from" "tim@shisaa.jp" {
    fileinto "Shisaa";
}
vacation :days 1 :subject "I'm on vacation!" :addresses ["tim@shisaa.jp", "postmaster@shisaa.jp"]
  "I'm on vacation, you can join me or wait until I'm back.";
`

func BenchmarkRunSeedScript(b *testing.B) {
	s, err := filter.Compile("seed.sieve", []byte(seedScript), filter.CompileOptions{})
	if err != nil {
		b.Fatal(err)
	}
	msg, err := os.ReadFile(filepath.Join("testdata", "corpus", "088-vacation-precedence-first-class", "message.eml"))
	if err != nil {
		b.Fatal(err)
	}
	env := filter.Envelope{From: "alice@example.org", To: "tim@shisaa.jp"}
	b.ReportAllocs()
	for b.Loop() {
		res, err := s.Run(b.Context(), filter.Input{Envelope: env, Message: bytes.NewReader(msg), Size: int64(len(msg))})
		if err != nil || len(res.Actions) != 2 {
			b.Fatalf("unexpected result %v %v", res, err)
		}
	}
}

func BenchmarkCompileSeedScript(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := filter.Compile("seed.sieve", []byte(seedScript), filter.CompileOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
