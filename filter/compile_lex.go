package filter

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/foxcpp/go-sieve/lexer"
)

// The lexer follows Pigeonhole's (lib-sieve/sieve-lexer.c) rather than
// go-sieve's: "text:" in any case, dot-stuffing on the first line of a
// multi-line string, bare CR as white space, NUL refused in strings and
// comments, numbers up to 2^64-1 with overflow checks on K, M and G, a
// 32-character limit on identifiers and a lone ":" or "/" as a token of its
// own (which the parser then refuses).

// Pigeonhole's lexer limits (lib-sieve/sieve-limits.h).
const (
	maxStringBytes     = 1 << 20
	maxIdentifierBytes = 32
)

// tokenKind is the kind of a lexical token.
type tokenKind int

const (
	tokEOF tokenKind = iota
	tokIdentifier
	tokTag
	tokString
	tokNumber
	tokLSquare
	tokRSquare
	tokLCurly
	tokRCurly
	tokLParen
	tokRParen
	tokSemicolon
	tokComma
	tokColon
	tokSlash
)

// punctuation maps the one-character tokens to their kinds.
var punctuation = map[byte]tokenKind{
	'[': tokLSquare, ']': tokRSquare, '{': tokLCurly, '}': tokRCurly,
	'(': tokLParen, ')': tokRParen, ';': tokSemicolon, ',': tokComma,
}

// token is one lexical token. text holds an identifier, a tag name
// (without the colon) or a string's value; num a number's value.
type token struct {
	kind tokenKind
	pos  lexer.Position
	text string
	num  uint64
}

// describe names the token in error messages, as Pigeonhole does.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of file"
	case tokIdentifier:
		return "identifier"
	case tokTag:
		return "tag"
	case tokString:
		return "string"
	case tokNumber:
		return "number"
	case tokColon:
		return "':'"
	case tokSlash:
		return "'/'"
	}
	for b, k := range punctuation {
		if k == t.kind {
			return "'" + string(b) + "'"
		}
	}
	return "token"
}

// scanner reads a script's bytes, keeping the line and column (1-based,
// counted in bytes) of the current byte.
type scanner struct {
	file string
	src  []byte
	off  int
	line int
	col  int
}

// cur returns the current byte, or -1 at the end of the script.
func (s *scanner) cur() int {
	if s.off >= len(s.src) {
		return -1
	}
	return int(s.src[s.off])
}

// shift moves to the next byte.
func (s *scanner) shift() {
	if s.off >= len(s.src) {
		return
	}
	if s.src[s.off] == '\n' {
		s.line++
		s.col = 0
	}
	s.off++
	s.col++
}

func (s *scanner) here() lexer.Position {
	return lexer.Position{File: s.file, Line: s.line, Col: s.col}
}

func (s *scanner) errorf(format string, args ...any) *ScriptError {
	return scriptErr(s.file, s.here(), fmt.Sprintf(format, args...))
}

// lex splits a script into tokens, ending with a tokEOF.
func lex(file string, src []byte) ([]token, error) {
	s := &scanner{file: file, src: src, line: 1, col: 1}
	toks := make([]token, 0, len(src)/8+1)
	for {
		t, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // white space or a comment
		}
		toks = append(toks, t)
		if t.kind == tokEOF {
			return toks, nil
		}
	}
}

// next scans one token; ok is false for white space and comments.
func (s *scanner) next() (t token, ok bool, err error) {
	t.pos = s.here()
	c := s.cur()
	switch {
	case c == -1:
		return t, true, nil
	case isSpace(c):
		for isSpace(s.cur()) {
			s.shift()
		}
		return t, false, nil
	case c == '#':
		s.shift()
		return t, false, s.hashComment()
	case c == '/':
		s.shift()
		if s.cur() != '*' {
			t.kind = tokSlash
			return t, true, nil
		}
		s.shift()
		return t, false, s.bracketComment(t.pos)
	case c == '"':
		s.shift()
		t.kind = tokString
		t.text, err = s.quotedString(t.pos)
		return t, err == nil, err
	case punctuation[byte(c)] != tokEOF:
		s.shift()
		t.kind = punctuation[byte(c)]
		return t, true, nil
	case isDigit(c):
		t.kind = tokNumber
		t.num, err = s.number()
		return t, err == nil, err
	case isAlpha(c) || c == '_' || c == ':':
		return s.word(t)
	}
	if c >= ' ' && c < 0x7f {
		return t, false, s.errorf("unexpected character %q", rune(c))
	}
	return t, false, s.errorf("unexpected character 0x%02x", c)
}

func isSpace(c int) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isDigit(c int) bool { return c >= '0' && c <= '9' }

func isAlpha(c int) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// hashComment skips a comment up to and including its LF; the end of the
// script also ends it.
func (s *scanner) hashComment() error {
	for c := s.cur(); c != '\n' && c != -1; c = s.cur() {
		if c == 0 {
			return s.errorf("NUL character in hash comment")
		}
		s.shift()
	}
	s.shift()
	return nil
}

// bracketComment skips a "/* ... */" comment; "/*" is already read.
func (s *scanner) bracketComment(start lexer.Position) error {
	for {
		switch s.cur() {
		case -1:
			return s.errorf("end of script before the end of the comment started at line %d", start.Line)
		case 0:
			return s.errorf("NUL character in bracket comment")
		case '*':
			s.shift()
			if s.cur() == '/' {
				s.shift()
				return nil
			}
		default:
			s.shift()
		}
	}
}

// quotedString reads a quoted string; the opening quote is already read.
// A backslash takes the next byte literally; LF and CRLF become CRLF.
func (s *scanner) quotedString(start lexer.Position) (string, error) {
	var b strings.Builder
	for s.cur() != '"' {
		if s.cur() == '\\' {
			s.shift()
		}
		switch c := s.cur(); c {
		case -1:
			return "", s.errorf("end of script before the end of the quoted string started at line %d", start.Line)
		case 0:
			return "", s.errorf("NUL character in the quoted string started at line %d", start.Line)
		case '\r':
			s.shift()
			if s.cur() != '\n' {
				return "", s.errorf("stray carriage return in the quoted string started at line %d", start.Line)
			}
			b.WriteString("\r\n")
		case '\n':
			b.WriteString("\r\n")
		default:
			b.WriteByte(byte(c))
		}
		s.shift()
		if b.Len() > maxStringBytes {
			return "", scriptErr(s.file, start, fmt.Sprintf("quoted string is too long (more than %d bytes)", maxStringBytes))
		}
	}
	s.shift()
	return b.String(), nil
}

// number reads a number with its optional K, M or G quantifier.
func (s *scanner) number() (uint64, error) {
	start := s.off
	for isDigit(s.cur()) {
		s.shift()
	}
	v, err := strconv.ParseUint(string(s.src[start:s.off]), 10, 64)
	if err != nil {
		return 0, s.errorf("number exceeds integer limits (max %d)", uint64(math.MaxUint64))
	}
	shift := 0
	switch s.cur() {
	case 'k', 'K':
		shift = 10
	case 'm', 'M':
		shift = 20
	case 'g', 'G':
		shift = 30
	default:
		return v, nil
	}
	s.shift()
	if v > math.MaxUint64>>shift {
		return 0, s.errorf("number exceeds integer limits (max %d)", uint64(math.MaxUint64))
	}
	return v << shift, nil
}

// word reads an identifier, a tag, a lone colon or a "text:" multi-line
// string.
func (s *scanner) word(t token) (token, bool, error) {
	t.kind = tokIdentifier
	if s.cur() == ':' {
		s.shift()
		if c := s.cur(); !isAlpha(c) && c != '_' {
			t.kind = tokColon
			return t, true, nil
		}
		t.kind = tokTag
	}
	start := s.off
	for c := s.cur(); isAlpha(c) || isDigit(c) || c == '_'; c = s.cur() {
		s.shift()
	}
	t.text = string(s.src[start:s.off])
	if t.kind == tokIdentifier && s.cur() == ':' && strings.EqualFold(t.text, "text") {
		s.shift()
		t.kind = tokString
		var err error
		t.text, err = s.multiLine(t.pos)
		return t, err == nil, err
	}
	if len(t.text) > maxIdentifierBytes {
		return t, false, scriptErr(s.file, t.pos, fmt.Sprintf("identifier %q is too long (more than %d characters)",
			t.text[:maxIdentifierBytes]+"...", maxIdentifierBytes))
	}
	return t, true, nil
}

// multiLine reads the rest of a "text:" string: white space, a hash
// comment or a line end, then lines up to a line holding a single dot. A
// leading dot of a line is dropped when another dot follows it.
func (s *scanner) multiLine(start lexer.Position) (string, error) {
	for s.cur() == ' ' || s.cur() == '\t' {
		s.shift()
	}
	if s.cur() == '\r' {
		s.shift()
	}
	switch c := s.cur(); c {
	case '#':
		if err := s.hashComment(); err != nil {
			return "", err
		}
	case '\n':
		s.shift()
	case -1:
		return "", s.errorf("end of script before the end of the multi-line string")
	default:
		return "", s.errorf("invalid character %q after 'text:' in multi-line string", rune(c))
	}
	var b strings.Builder
	for {
		done, err := s.multiLineLine(&b, start)
		if err != nil || done {
			return b.String(), err
		}
		if b.Len() > maxStringBytes {
			return "", scriptErr(s.file, start, fmt.Sprintf("multi-line string is too long (more than %d bytes)", maxStringBytes))
		}
	}
}

// multiLineLine reads one line of a multi-line string into b; done is true
// for the final "." line.
func (s *scanner) multiLineLine(b *strings.Builder, start lexer.Position) (done bool, err error) {
	if s.cur() == '.' {
		s.shift()
		crSeen := s.cur() == '\r'
		if crSeen {
			s.shift()
		}
		if s.cur() == '\n' {
			s.shift()
			return true, nil
		}
		if crSeen {
			return false, s.errorf("stray carriage return in the multi-line string started at line %d", start.Line)
		}
		b.WriteByte('.')
		if s.cur() == '.' {
			s.shift()
		}
	}
	for c := s.cur(); c != '\n' && c != '\r'; c = s.cur() {
		switch c {
		case -1:
			return false, s.errorf("end of script before the end of the multi-line string started at line %d", start.Line)
		case 0:
			return false, s.errorf("NUL character in the multi-line string started at line %d", start.Line)
		}
		b.WriteByte(byte(c))
		s.shift()
	}
	if s.cur() == '\r' {
		s.shift()
	}
	if s.cur() != '\n' {
		return false, s.errorf("stray carriage return in the multi-line string started at line %d", start.Line)
	}
	b.WriteString("\r\n")
	s.shift()
	return false, nil
}
