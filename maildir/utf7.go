package maildir

import (
	"encoding/base64"
	"errors"
	"strings"
	"unicode/utf16"
)

// mutf7Alphabet is base64 with ',' instead of '/' (RFC 3501 section 5.1.3).
const mutf7Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,"

var mutf7Encoding = base64.NewEncoding(mutf7Alphabet).WithPadding(base64.NoPadding).Strict()

// errMUTF7 is the cause of every decoding failure; callers turn it into a
// FolderNameError.
var errMUTF7 = errors.New("not canonical modified UTF-7")

// encodeMUTF7 encodes a UTF-8 string in IMAP modified UTF-7 (RFC 3501
// section 5.1.3): printable ASCII stands for itself except '&', which
// becomes "&-"; every run of other characters becomes '&', the modified
// base64 of its UTF-16BE form, and '-'. s must be valid UTF-8.
func encodeMUTF7(s string) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	var run []uint16
	flush := func() {
		if len(run) == 0 {
			return
		}
		buf := make([]byte, 0, 2*len(run))
		for _, u := range run {
			buf = append(buf, byte(u>>8), byte(u))
		}
		b.WriteByte('&')
		b.WriteString(mutf7Encoding.EncodeToString(buf))
		b.WriteByte('-')
		run = run[:0]
	}
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			run = utf16.AppendRune(run, r)
			continue
		}
		flush()
		if r == '&' {
			b.WriteString("&-")
		} else {
			b.WriteRune(r)
		}
	}
	flush()
	return b.String()
}

// decodeMUTF7 decodes IMAP modified UTF-7 into UTF-8. It accepts only the
// canonical form that encodeMUTF7 produces, so that a decoded name encodes
// back to the same bytes: no 8-bit or control bytes, no printable ASCII
// inside a base64 run, no adjacent runs, no non-zero padding bits, no
// unpaired surrogates.
func decodeMUTF7(s string) (string, error) {
	var b strings.Builder
	afterRun := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x20 || c > 0x7e {
			return "", errMUTF7
		}
		if c != '&' {
			b.WriteByte(c)
			i++
			afterRun = false
			continue
		}
		end := strings.IndexByte(s[i+1:], '-')
		if end < 0 {
			return "", errMUTF7
		}
		run := s[i+1 : i+1+end]
		i += end + 2
		if run == "" {
			b.WriteByte('&')
			afterRun = false
			continue
		}
		if afterRun {
			return "", errMUTF7
		}
		if err := decodeMUTF7Run(&b, run); err != nil {
			return "", err
		}
		afterRun = true
	}
	return b.String(), nil
}

// decodeMUTF7Run decodes the modified base64 between '&' and '-'.
func decodeMUTF7Run(b *strings.Builder, run string) error {
	for i := 0; i < len(run); i++ {
		if strings.IndexByte(mutf7Alphabet, run[i]) < 0 {
			return errMUTF7
		}
	}
	raw, err := mutf7Encoding.DecodeString(run)
	if err != nil || len(raw)%2 != 0 {
		return errMUTF7
	}
	units := make([]uint16, len(raw)/2)
	for i := range units {
		units[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
	}
	for i := 0; i < len(units); i++ {
		r := rune(units[i])
		switch {
		case utf16.IsSurrogate(r) && r < 0xdc00 && i+1 < len(units):
			r = utf16.DecodeRune(r, rune(units[i+1]))
			if r == '\uFFFD' {
				return errMUTF7
			}
			i++
		case utf16.IsSurrogate(r):
			return errMUTF7
		case r >= 0x20 && r <= 0x7e:
			return errMUTF7
		}
		b.WriteRune(r)
	}
	return nil
}

// isPlainASCII reports whether s is printable ASCII without '&', which
// modified UTF-7 leaves as it is.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e || s[i] == '&' {
			return false
		}
	}
	return true
}
