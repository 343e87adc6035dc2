package filter

import (
	"strconv"
	"strings"
)

// This file writes a parsed expression in the syntax of
// rsc.io/binaryregexp (Go's RE2 syntax over bytes), to be run
// leftmost-longest. Sets become explicit byte classes, so case folding
// is already in them. What RE2 cannot express (back-references, and \<
// or \> where the neighbouring byte is not known to be a word or non-word
// character) makes it give up; the backtracker then runs the expression.

// reMaxRepeat is RE2's largest repetition count.
const reMaxRepeat = 1000

// reSyntax returns n in RE2 syntax, or false if RE2 cannot express it.
func reSyntax(n *ereNode) (string, bool) {
	var b strings.Builder
	ok := writeSyntax(&b, n)
	return b.String(), ok
}

func writeSyntax(b *strings.Builder, n *ereNode) bool {
	switch n.op {
	case opEmpty:
		b.WriteString(`(?:)`)
	case opSet:
		b.WriteString(n.set.class())
	case opConcat:
		return writeConcat(b, n.subs)
	case opAlt:
		b.WriteString(`(?:`)
		for i, s := range n.subs {
			if i > 0 {
				b.WriteByte('|')
			}
			if !writeSyntax(b, s) {
				return false
			}
		}
		b.WriteByte(')')
	case opGroup:
		b.WriteByte('(')
		if !writeSyntax(b, n.subs[0]) {
			return false
		}
		b.WriteByte(')')
	case opRepeat:
		return writeRepeat(b, n)
	case opAssert:
		return writeAssert(b, n.assert)
	default: // back-references
		return false
	}
	return true
}

func writeAssert(b *strings.Builder, a ereAssert) bool {
	switch a {
	case assertBegin:
		b.WriteString(`\A`)
	case assertEnd:
		b.WriteString(`\z`)
	case assertWordBoundary:
		b.WriteString(`\b`)
	case assertNotWordBoundary:
		b.WriteString(`\B`)
	default:
		return false
	}
	return true
}

// writeConcat writes a sequence. \< before something that starts with a
// word character is \b, before something that starts with a non-word
// character it never matches; \> after something likewise.
func writeConcat(b *strings.Builder, subs []*ereNode) bool {
	for i, s := range subs {
		if s.op == opAssert && (s.assert == assertWordStart || s.assert == assertWordEnd) {
			var edge *byteSet
			if s.assert == assertWordStart && i+1 < len(subs) {
				edge = firstSet(subs[i+1])
			} else if s.assert == assertWordEnd && i > 0 {
				edge = lastSet(subs[i-1])
			}
			switch {
			case edge == nil:
				return false
			case edge.subsetOf(wordSet):
				b.WriteString(`\b`)
			case !edge.intersects(wordSet):
				b.WriteString(`\b\B`)
			default:
				return false
			}
			continue
		}
		if !writeSyntax(b, s) {
			return false
		}
	}
	return true
}

// firstSet is the set the first byte of every match of n is in, or nil
// when n may match the empty string or does not start with a set.
func firstSet(n *ereNode) *byteSet {
	switch n.op {
	case opSet:
		return &n.set
	case opGroup, opConcat:
		return firstSet(n.subs[0])
	case opRepeat:
		if n.min > 0 {
			return firstSet(n.subs[0])
		}
	}
	return nil
}

// lastSet is firstSet for the last byte.
func lastSet(n *ereNode) *byteSet {
	switch n.op {
	case opSet:
		return &n.set
	case opGroup, opConcat:
		return lastSet(n.subs[len(n.subs)-1])
	case opRepeat:
		if n.min > 0 {
			return lastSet(n.subs[0])
		}
	}
	return nil
}

// writeRepeat writes a repetition; counts above RE2's limit are split
// into a sequence of repetitions, which is only done for expressions
// without groups (the copies would be new groups).
func writeRepeat(b *strings.Builder, n *ereNode) bool {
	var inner strings.Builder
	inner.WriteString(`(?:`)
	if !writeSyntax(&inner, n.subs[0]) {
		return false
	}
	inner.WriteByte(')')
	x := inner.String()
	lo, hi := n.min, n.max
	if lo <= reMaxRepeat && hi <= reMaxRepeat {
		b.WriteString(x + repeatOp(lo, hi))
		if hi > 1 && lo != hi && nullable(n.subs[0]) {
			// glibc drops an optional iteration that matches nothing
			// after one that matched: prefer fewer iterations.
			b.WriteByte('?')
		}
		return true
	}
	if hasGroup(n.subs[0]) {
		return false
	}
	for ; lo > reMaxRepeat; lo -= reMaxRepeat {
		b.WriteString(x + repeatOp(reMaxRepeat, reMaxRepeat))
		if hi > 0 {
			hi -= reMaxRepeat
		}
	}
	b.WriteString(x + repeatOp(lo, lo))
	if hi == -1 {
		b.WriteString(x + "*")
		return true
	}
	for opt := hi - lo; opt > 0; opt -= reMaxRepeat {
		b.WriteString(x + repeatOp(0, min(opt, reMaxRepeat)))
	}
	return true
}

func repeatOp(lo, hi int) string {
	switch {
	case lo == 0 && hi == -1:
		return "*"
	case lo == 1 && hi == -1:
		return "+"
	case lo == 0 && hi == 1:
		return "?"
	case hi == -1:
		return "{" + strconv.Itoa(lo) + ",}"
	case lo == hi:
		return "{" + strconv.Itoa(lo) + "}"
	}
	return "{" + strconv.Itoa(lo) + "," + strconv.Itoa(hi) + "}"
}

// nullable reports whether n can match the empty string.
func nullable(n *ereNode) bool {
	switch n.op {
	case opSet:
		return false
	case opConcat:
		for _, s := range n.subs {
			if !nullable(s) {
				return false
			}
		}
		return true
	case opAlt:
		for _, s := range n.subs {
			if nullable(s) {
				return true
			}
		}
		return false
	case opRepeat:
		return n.min == 0 || nullable(n.subs[0])
	case opGroup:
		return nullable(n.subs[0])
	}
	return true
}

func hasGroup(n *ereNode) bool {
	if n.op == opGroup {
		return true
	}
	for _, s := range n.subs {
		if hasGroup(s) {
			return true
		}
	}
	return false
}
