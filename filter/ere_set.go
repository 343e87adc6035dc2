package filter

import (
	"fmt"
	"strings"
)

// ereOp is the kind of a node of a parsed regular expression.
type ereOp uint8

const (
	opEmpty   ereOp = iota // matches the empty string
	opSet                  // one byte of set
	opConcat               // subs in sequence
	opAlt                  // one of subs
	opRepeat               // subs[0], min to max times (max -1: no limit)
	opGroup                // capturing group n around subs[0]
	opBackref              // the text group n matched
	opAssert               // a zero-width assertion
)

// ereAssert is a zero-width assertion.
type ereAssert uint8

const (
	assertBegin           ereAssert = iota // ^ and \`
	assertEnd                              // $ and \'
	assertWordBoundary                     // \b
	assertNotWordBoundary                  // \B
	assertWordStart                        // \<
	assertWordEnd                          // \>
)

// ereNode is a node of a parsed regular expression.
type ereNode struct {
	op       ereOp
	set      byteSet // opSet, over the bytes of the text as given
	subs     []*ereNode
	min, max int // opRepeat
	n        int // opGroup, opBackref
	assert   ereAssert
}

func emptyNode() *ereNode { return &ereNode{op: opEmpty} }

// setNode turns a set built in the parser's (upper-cased under REG_ICASE)
// alphabet into a node matching the bytes whose upper-case form is in it.
func (p *ereParser) setNode(s byteSet) *ereNode {
	if p.fold {
		var f byteSet
		for b := 0; b < 256; b++ {
			if s.has(upperASCII(byte(b))) {
				f.add(byte(b))
			}
		}
		s = f
	}
	return &ereNode{op: opSet, set: s}
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }
func (s *byteSet) addRange(lo, hi int) {
	for b := lo; b <= hi; b++ {
		s.add(byte(b))
	}
}

func (s *byteSet) invert() {
	for i := range s {
		s[i] = ^s[i]
	}
}

func (s *byteSet) union(o byteSet) {
	for i := range s {
		s[i] |= o[i]
	}
}

func (s byteSet) intersects(o byteSet) bool {
	return s[0]&o[0]|s[1]&o[1]|s[2]&o[2]|s[3]&o[3] != 0
}

func (s byteSet) subsetOf(o byteSet) bool {
	return s[0]&^o[0]|s[1]&^o[1]|s[2]&^o[2]|s[3]&^o[3] == 0
}

// class writes the set as a character class of the byte regexp syntax.
func (s byteSet) class() string {
	var b strings.Builder
	b.WriteByte('[')
	empty := true
	for lo := 0; lo < 256; lo++ {
		if !s.has(byte(lo)) {
			continue
		}
		hi := lo
		for hi < 255 && s.has(byte(hi+1)) {
			hi++
		}
		fmt.Fprintf(&b, `\x%02x`, lo)
		if hi > lo {
			fmt.Fprintf(&b, `-\x%02x`, hi)
		}
		lo, empty = hi, false
	}
	if empty {
		return `[^\x00-\xff]`
	}
	b.WriteByte(']')
	return b.String()
}

func charSet(c byte) byteSet {
	var s byteSet
	s.add(c)
	return s
}

// anyByteSet is ".": every byte but NUL (RE_DOT_NOT_NULL), newline
// included (no REG_NEWLINE).
func anyByteSet() byteSet {
	var s byteSet
	s.addRange(1, 255)
	return s
}

// wordSet is the word characters of \w, \b, \< and \> in the C locale.
var wordSet = func() byteSet {
	s, _ := posixClass("alnum")
	s.add('_')
	return s
}()

// escapeClassSet is \w, \W, \s or \S.
func escapeClassSet(c byte) byteSet {
	var s byteSet
	switch c {
	case 'w', 'W':
		s = wordSet
	default:
		s, _ = posixClass("space")
	}
	if c == 'W' || c == 'S' {
		s.invert()
	}
	return s
}

// posixClass is a character class of the C locale (ASCII only).
func posixClass(name string) (byteSet, bool) {
	var s byteSet
	for b := 0; b < 128; b++ {
		if classHas(name, byte(b)) {
			s.add(byte(b))
		}
	}
	switch name {
	case "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit":
		return s, true
	}
	return s, false
}

func classHas(name string, c byte) bool {
	upper, lower, digit := c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9'
	switch name {
	case "alnum":
		return upper || lower || digit
	case "alpha":
		return upper || lower
	case "blank":
		return c == ' ' || c == '\t'
	case "cntrl":
		return c < 0x20 || c == 0x7f
	case "digit":
		return digit
	case "graph":
		return c > 0x20 && c < 0x7f
	case "lower":
		return lower
	case "print":
		return c >= 0x20 && c < 0x7f
	case "punct":
		return c > 0x20 && c < 0x7f && !upper && !lower && !digit
	case "space":
		return c == ' ' || (c >= '\t' && c <= '\r')
	case "upper":
		return upper
	case "xdigit":
		return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
	}
	return false
}
