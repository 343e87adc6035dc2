package filter

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// bodyTest is the body test (RFC 5173). go-sieve's own version compiles
// non-ASCII keys into byte patterns that never match decoded UTF-8 text,
// so matching is done here, streaming each part through Go's regexp.
type bodyTest struct {
	transform string   // raw, text or content
	types     []string // for content
	match     string   // is, contains, matches, regex, count or value
	rel       interp.Relational
	fold      bool // i;ascii-casemap
	numeric   bool // i;ascii-numeric (with :is, :count and :value only)
	numericIs bool // :is with i;ascii-numeric: an empty body only equals ""
	keys      []string
	res       []*regexp.Regexp // nil where the key has variables
}

func (c *compiler) bodyTest(u *unit, t parser.Test) (interp.Test, error) {
	if !u.has("body") {
		return nil, scriptErr(u.file, t.Position, "body requires the body extension")
	}
	ms, err := c.checkMatch(u, t)
	if err != nil {
		return nil, err
	}
	bt := &bodyTest{transform: "text", match: "is", fold: ms.comparator != "i;octet", numeric: ms.numeric}
	transforms := 0
	if err := interp.LoadSpec(u.base, bt.spec(&transforms), t.Position, cloneArgs(t.Args), t.Tests, nil); err != nil {
		return nil, mapError(u.file, t.Position, err)
	}
	if transforms > 1 {
		return nil, scriptErr(u.file, t.Position, "body: only one transform may be given")
	}
	if err := checkRelational(u, bt.match, bt.rel); err != nil {
		return nil, scriptErr(u.file, t.Position, "body: "+err.Error())
	}
	if bt.match == "count" || bt.match == "value" {
		bt.numeric = bt.numeric || (bt.match == "count" && ms.comparator == "")
		return bt, nil
	}
	if bt.numeric && bt.match == "is" { // i;ascii-numeric equality is :value "eq"
		bt.match, bt.rel, bt.numericIs = "value", interp.RelEqual, true
		return bt, nil
	}
	if bt.numeric {
		return nil, scriptErr(u.file, t.Position, "body: comparator i;ascii-numeric cannot be used with :"+bt.match)
	}
	bt.res = make([]*regexp.Regexp, len(bt.keys))
	for i, k := range bt.keys {
		if hasVariable(u, k) {
			continue
		}
		if bt.res[i], err = bt.compile(k); err != nil {
			return nil, scriptErr(u.file, t.Position, fmt.Sprintf("body: invalid key %q: %v", k, err))
		}
	}
	return bt, nil
}

// spec describes the body test's arguments for go-sieve's LoadSpec.
func (bt *bodyTest) spec(transforms *int) *interp.Spec {
	tags := map[string]interp.SpecTag{
		"raw":        {MatchBool: func() { bt.transform = "raw"; *transforms++ }},
		"text":       {MatchBool: func() { bt.transform = "text"; *transforms++ }},
		"content":    {NeedsValue: true, MatchStr: func(s []string) { bt.transform, bt.types = "content", s; *transforms++ }},
		"comparator": {NeedsValue: true, MatchStr: func([]string) {}},
	}
	for _, m := range []string{"is", "contains", "matches", "regex"} {
		tags[m] = interp.SpecTag{MatchBool: func() { bt.match = m }}
	}
	for _, m := range []string{"count", "value"} {
		tags[m] = interp.SpecTag{NeedsValue: true, MatchStr: func(s []string) { bt.match, bt.rel = m, interp.Relational(s[0]) }}
	}
	return &interp.Spec{Tags: tags,
		Pos: []interp.SpecPosArg{{MinStrCount: 1, MatchStr: func(s []string) { bt.keys = s }}}}
}

// compile turns a key into a regexp for the match type. For the case-map
// comparator the key is lowered here and the text while it is read.
func (bt *bodyTest) compile(key string) (*regexp.Regexp, error) {
	if bt.match == "regex" { // checked here, matched by matchERE
		_, err := compileERE(key, bt.fold)
		return nil, err
	}
	if bt.fold {
		key = lowerASCII(key)
	}
	switch bt.match {
	case "contains":
		return regexp.Compile(`(?s)` + regexp.QuoteMeta(key))
	case "matches":
		return regexp.Compile(`(?s)\A` + wildcardRegexp(key) + `\z`)
	}
	return regexp.Compile(`(?s)\A` + regexp.QuoteMeta(key) + `\z`)
}

// wildcardRegexp translates a :matches pattern (RFC 5228 section 2.7.1).
func wildcardRegexp(p string) string {
	var b strings.Builder
	escaped := false
	for _, r := range p {
		switch {
		case escaped:
			b.WriteString(regexp.QuoteMeta(string(r)))
			escaped = false
		case r == '\\':
			escaped = true
		case r == '*':
			b.WriteString(`.*`)
		case r == '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

func lowerASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

func (bt *bodyTest) parts(ctx context.Context, d *interp.RuntimeData) ([]interp.BodyPart, error) {
	m, ok := d.Msg.(*message)
	if !ok {
		return nil, nil
	}
	switch bt.transform {
	case "raw":
		if m.bodyOff < 0 {
			return nil, nil
		}
		return []interp.BodyPart{interp.BodyPartRaw{BodyMessage: m}}, nil
	case "content":
		return m.BodyParts(ctx, bt.types)
	}
	return m.BodyParts(ctx, []string{"text", "application/xhtml+xml"})
}

// Check implements interp.Test.
func (bt *bodyTest) Check(ctx context.Context, d *interp.RuntimeData) (bool, error) {
	parts, err := bt.parts(ctx, d)
	if err != nil {
		return false, err
	}
	switch bt.match {
	case "count":
		return bt.count(d, len(parts)), nil
	case "value":
		return bt.value(ctx, d, parts)
	}
	for _, p := range parts {
		for i, re := range bt.res {
			key := expand(d, bt.keys[i])
			if re == nil && bt.match != "contains" {
				if re, err = bt.compile(key); err != nil {
					continue
				}
			}
			ok, err := bt.matchPart(ctx, p, re, key)
			if err != nil || ok {
				return ok, err
			}
		}
	}
	return false, nil
}

func (bt *bodyTest) matchPart(ctx context.Context, p interp.BodyPart, re *regexp.Regexp, key string) (bool, error) {
	rc, err := p.Open(ctx)
	if errors.Is(err, interp.ErrNoBody) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer func() { _ = rc.Close() }()
	var r io.Reader = rc
	ct := strings.ToLower(p.ContentType())
	if bt.transform == "text" && (ct == "text/html" || ct == "application/xhtml+xml") {
		r = &tagStripper{r: bufio.NewReader(r)}
	}
	if bt.fold && bt.match != "regex" {
		r = asciiLowerReader{r}
	}
	if bt.match == "contains" {
		if bt.fold {
			key = lowerASCII(key)
		}
		return readerContains(r, []byte(key))
	}
	if bt.match == "regex" {
		return matchERE(r, key, bt.fold)
	}
	return re.MatchReader(bufio.NewReader(r)), nil
}

// readerContains reports whether the stream holds key, reading it in
// chunks and keeping only len(key)-1 bytes between them.
func readerContains(r io.Reader, key []byte) (bool, error) {
	if len(key) == 0 {
		return true, nil
	}
	buf := make([]byte, 0, 64<<10+len(key))
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if bytes.Contains(buf, key) {
			return true, nil
		}
		if keep := len(key) - 1; len(buf) > keep {
			buf = append(buf[:0], buf[len(buf)-keep:]...)
		}
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// asciiLowerReader lowers ASCII letters, which keeps UTF-8 intact.
type asciiLowerReader struct{ r io.Reader }

// Read implements io.Reader.
func (a asciiLowerReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	for i, c := range p[:n] {
		if c >= 'A' && c <= 'Z' {
			p[i] = c + 'a' - 'A'
		}
	}
	return n, err
}

// tagStripper drops HTML tags from a stream.
type tagStripper struct {
	r     *bufio.Reader
	inTag bool
}

// Read implements io.Reader.
func (s *tagStripper) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c, err := s.r.ReadByte()
		if err != nil {
			return n, err
		}
		switch {
		case c == '<':
			s.inTag = true
		case c == '>' && s.inTag:
			s.inTag = false
		case !s.inTag:
			p[n] = c
			n++
		}
	}
	return n, nil
}
