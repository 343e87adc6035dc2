package filter

import (
	"strings"
	"testing"
)

// BenchmarkERE matches a header-sized text with the RE2 engine and with
// the backtracker (an expression with a back-reference), and a 64 KiB
// body through the backtracker.
func BenchmarkERE(b *testing.B) {
	header := "Re: [list] Lunch on Friday? The usual place at noon"
	body := strings.Repeat("are you free for lunch on Friday? ", 2000)
	for _, bc := range []struct{ name, pattern, text string }{
		{"re2/header", `^Re: \[([a-z]+)\] (.*)$`, header},
		{"backtrack/header", `(o)\1n`, header},
		{"backtrack/body", `\<(fr)ee\> x\1`, body},
	} {
		e, err := compileERE(bc.pattern, true)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e.FindStringSubmatch(bc.text)
			}
		})
	}
}
