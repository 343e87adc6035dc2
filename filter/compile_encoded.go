package filter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/foxcpp/go-sieve/lexer"
	"github.com/foxcpp/go-sieve/parser"
)

// The encoded-character extension (RFC 5228 section 2.4.2.4) is applied
// here, once, to the strings of each command and test compiled (not those
// of a dead block), as Pigeonhole does while validating; go-sieve is not
// told about it. (go-sieve decodes in
// some places only, a second time in others, and refuses the one-digit
// hex-pair "${hex:4}" that the grammar allows.)

// encodedChar matches "${hex:...}" and "${unicode:...}" in one pass, so
// that the output of one is never read as the other.
var encodedChar = regexp.MustCompile(`(?i)\$\{(?:` +
	`hex:[ \t\r\n]*([0-9a-f]{1,2}(?:[ \t\r\n]+[0-9a-f]{1,2})*)[ \t\r\n]*|` +
	`unicode:[ \t\r\n]*([0-9a-f]+(?:[ \t\r\n]+[0-9a-f]+)*)[ \t\r\n]*)\}`)

// decodeEncoded replaces the encoded characters of s. An encoded Unicode
// character outside 0-D7FF and E000-10FFFF is an error; other malformed
// sequences stay as they are.
func decodeEncoded(s string) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	var bad error
	out := encodedChar.ReplaceAllStringFunc(s, func(m string) string {
		sub := encodedChar.FindStringSubmatch(m)
		var b strings.Builder
		if sub[1] != "" {
			for _, h := range strings.Fields(sub[1]) {
				v, _ := strconv.ParseUint(h, 16, 8)
				b.WriteByte(byte(v))
			}
			return b.String()
		}
		for _, h := range strings.Fields(sub[2]) {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) {
				bad = fmt.Errorf("invalid unicode character %s in encoded character", h)
				return m
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	})
	return out, bad
}

// decodeArgs decodes the encoded characters of every string in args, in
// place.
func (c *compiler) decodeArgs(u *unit, args []parser.Arg) error {
	if !u.has("encoded-character") {
		return nil
	}
	fail := func(pos lexer.Position, err error) error { return scriptErr(u.file, pos, err.Error()) }
	for i, a := range args {
		switch a := a.(type) {
		case parser.StringArg:
			v, err := decodeEncoded(a.Value)
			if err != nil {
				return fail(a.Position, err)
			}
			a.Value = v
			args[i] = a
		case parser.StringListArg:
			for j := range a.Value {
				v, err := decodeEncoded(a.Value[j])
				if err != nil {
					return fail(a.Position, err)
				}
				a.Value[j] = v
			}
		}
	}
	return nil
}
