package filter_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// TestRegex_posix runs :regex on every test that takes it, with
// Pigeonhole's (glibc's) POSIX extended regular expressions.
func TestRegex_posix(t *testing.T) {
	t.Parallel()
	const msg = "From: Alice <alice@example.org>\r\nTo: tim@shisaa.jp\r\nSubject: Lunch on Friday? Good food\r\n\r\nSee you at 12.\r\n"
	for _, tc := range []struct {
		name, script string
		want         []string // mailboxes stored into
	}{
		{"escaped letter is literal", `if header :regex :comparator "i;octet" "subject" "Fri\\day" { fileinto "A"; }
if header :regex "subject" "\\d" { fileinto "B"; }`, []string{"A"}},
		{"leftmost longest", `if header :regex "subject" "L(.*?)n" { fileinto "${1}"; }`, []string{"unch o"}},
		{"back-reference", `if header :regex "subject" "(O)\\1" { fileinto "${0}"; }`, []string{"oo"}},
		{"word anchors", `if header :regex "subject" "\\<(on)\\>" { fileinto "${1}"; }`, []string{"on"}},
		{"address", `if address :regex :domain "from" "^example\\.(org|com)$" { fileinto "${1}"; }`, []string{"org"}},
		{"envelope", `if envelope :regex :localpart "from" "^(a)l+" { fileinto "${1}"; }`, []string{"a"}},
		{"string", `if string :regex "x)y" "x)y" { fileinto "S"; }`, []string{"S"}},
		{"body", `if body :regex "[0-9]{2}\\." { fileinto "Body"; }`, []string{"Body"}},
		{"hasflag", `addflag "\\Seen"; if hasflag :regex "^\\\\s" { fileinto "Flag"; }`, []string{"Flag"}},
		{"hasflag variables", `set "v" "a $b"; if hasflag :regex "v" "^\\$(b)$" { fileinto "${1}"; }`, []string{"b"}},
		{"environment", `if environment :regex "location" "^[A-Z]+$" { fileinto "Env"; }`, []string{"Env"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := `require ["regex", "variables", "fileinto", "body", "envelope", "imap4flags", "environment"];` + "\n" + tc.script
			s, err := filter.Compile("regex.sieve", []byte(src), filter.CompileOptions{})
			require.NoError(t, err)
			res, err := s.Run(t.Context(), filter.Input{
				Envelope: filter.Envelope{From: "alice@example.org", To: "tim@shisaa.jp"},
				Message:  strings.NewReader(msg),
				Size:     int64(len(msg)),
			})
			require.NoError(t, err)
			var got []string
			for _, a := range res.Actions {
				if st, ok := a.(filter.Store); ok {
					got = append(got, st.Mailbox)
				}
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestRegex_compileErrors checks keys glibc refuses: Pigeonhole reports
// them when the script is compiled.
func TestRegex_compileErrors(t *testing.T) {
	t.Parallel()
	for _, key := range []string{`(?i)lunch`, `^*a`, `(a)|b\\1`, `a{}`, `[Z-a]`, `a\\`, `(a`, `[[:word:]]`} {
		src := "require \"regex\";\nif header :regex \"subject\" \"" + key + "\" { keep; }\n"
		_, err := filter.Compile("bad.sieve", []byte(src), filter.CompileOptions{})
		require.ErrorIs(t, err, filter.ErrCompile, key)
	}
}
