package filter

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeHeader checks the header reading path on arbitrary fields:
// the value a test sees and the vacation subject are always valid UTF-8,
// the subject has no control characters and respects its length, and a
// plain ASCII value without encoded words comes back unchanged.
func FuzzDecodeHeader(f *testing.F) {
	for _, s := range []string{
		"Subject: =?UTF-8?Q?caf=C3=A9?= x", "Subject: a\r\n\t\tb", "Subject: =?x?B?!!?= \xe9\x00",
		"Subject: =?Shift_JIS?Q?a=82?=", "Subject: =?utf-16?B?YQBiAA==?=", "Subject: =?UTF-8*en?Q?a?b?=",
		"Subject: =?ISO-2022-JP?B?GyRCLSEkSBsoQg==?=", "Subject: =?EUC-JP?B?j7ChjrE=?=", "Subject: =?euc-kr?B?gUF4?=",
		"Subject: =?gb2312?B?1Vo=?=", "Subject: =?koi8-u?Q?=AE?= =?tis-620?Q?=80?=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, field string) {
		v := decodeHeader(unfoldValue([]byte(field)))
		if !utf8.ValidString(v) {
			t.Fatalf("decoded value %q is not UTF-8", v)
		}
		subject := sanitizeSubject("Auto: "+v, 64)
		if !utf8.ValidString(subject) || utf8.RuneCountInString(subject) > 64 {
			t.Fatalf("subject %q: invalid or too long", subject)
		}
		if strings.IndexFunc(subject, func(r rune) bool { return r < 0x20 }) >= 0 {
			t.Fatalf("subject %q has a control character", subject)
		}
		if plain := unfoldValue([]byte(field)); !strings.Contains(plain, "=?") && isPrintableASCII(plain) {
			if v != plain {
				t.Fatalf("plain value %q decoded to %q", plain, v)
			}
		}
	})
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
