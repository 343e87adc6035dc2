package filter

import "errors"

// This file parses POSIX extended regular expressions the way glibc's
// regcomp does with REG_EXTENDED (RE_SYNTAX_POSIX_EXTENDED) in the C
// locale, which is what Pigeonhole's :regex match type uses. The grammar,
// the context rules and the error cases follow glibc, not POSIX alone:
//
//   - a backslash before an ordinary character is that character ("\d" is
//     "d"); the GNU escapes \w \W \s \S \b \B \< \> \` \' and the
//     back-references \1 to \9 are special; a trailing backslash is an
//     error;
//   - "*", "+", "?" and "{" with nothing to repeat are errors, so are
//     repetitions of an anchor ("^*");
//   - "{,n}" is "{0,n}", repetition counts go up to 32767 (RE_DUP_MAX),
//     repetitions stack ("x**", "x*?" is "(x*)?": there are no lazy
//     quantifiers);
//   - an unmatched ")" and any "}" are literal characters;
//   - a back-reference may only name a group closed before it, in its own
//     alternative;
//   - inside brackets a backslash is literal, "]" first is literal, "-"
//     is literal first or last, classes are [:name:], collating elements
//     and equivalence classes are single characters;
//   - with REG_ICASE the pattern is upper-cased as it is read (except the
//     character after a backslash and class names) and so is the text
//     being matched; a byte matches a set when its upper-case form does.

// Errors of regular expressions, worded as glibc's regerror.
var (
	errEREBadPattern = errors.New("invalid regular expression")
	errERECollate    = errors.New("invalid collation character")
	errEREClass      = errors.New("invalid character class name")
	errEREEscape     = errors.New("trailing backslash")
	errEREBackref    = errors.New("invalid back reference")
	errEREBracket    = errors.New("unmatched [, [^, [:, [., or [=")
	errEREParen      = errors.New(`unmatched ( or \(`)
	errEREBrace      = errors.New(`unmatched \{`)
	errEREInterval   = errors.New(`invalid content of \{\}`)
	errERERange      = errors.New("invalid range end")
	errERERepeat     = errors.New("invalid preceding regular expression")
	errERETooBig     = errors.New("regular expression too big")
)

// ereDupMax is glibc's RE_DUP_MAX, the largest repetition count.
const ereDupMax = 0x7fff

type ereTokKind uint8

const (
	tkChar ereTokKind = iota
	tkEnd
	tkAlt
	tkStar
	tkPlus
	tkQuest
	tkOpenBrace
	tkCloseBrace
	tkOpenParen
	tkCloseParen
	tkOpenBracket
	tkAny
	tkAnchor
	tkBackref
	tkClass
	tkBackslash // a backslash ending the pattern
)

type ereToken struct {
	kind   ereTokKind
	c      byte      // the character, for tkChar (and the class letter)
	n      int       // back-reference number
	assert ereAssert // for tkAnchor
	size   int       // bytes of pattern it spans
}

// ereParser is one run of the parser over a pattern.
type ereParser struct {
	src       string
	fold      bool
	pos       int
	tok       ereToken
	ngroups   int
	completed uint32 // groups 1..9 closed so far in the current alternative
	backrefs  bool
}

// parseERE parses pattern into a tree; fold is REG_ICASE.
func parseERE(pattern string, fold bool) (*ereNode, *ereParser, error) {
	p := &ereParser{src: pattern, fold: fold}
	p.next()
	n, err := p.regExp(0)
	if err != nil {
		return nil, nil, err
	}
	return n, p, nil
}

// at returns the pattern byte at i, upper-cased under REG_ICASE.
func (p *ereParser) at(i int) byte {
	c := p.src[i]
	if p.fold {
		c = upperASCII(c)
	}
	return c
}

func (p *ereParser) next() {
	p.tok = p.peek()
	p.pos += p.tok.size
}

func (p *ereParser) peek() ereToken {
	if p.pos >= len(p.src) {
		return ereToken{kind: tkEnd}
	}
	c := p.at(p.pos)
	if c == '\\' {
		if p.pos+1 >= len(p.src) {
			return ereToken{kind: tkBackslash, size: 1}
		}
		return escapeToken(p.src[p.pos+1])
	}
	t := ereToken{kind: tkChar, c: c, size: 1}
	switch c {
	case '|':
		t.kind = tkAlt
	case '*':
		t.kind = tkStar
	case '+':
		t.kind = tkPlus
	case '?':
		t.kind = tkQuest
	case '{':
		t.kind = tkOpenBrace
	case '}':
		t.kind = tkCloseBrace
	case '(':
		t.kind = tkOpenParen
	case ')':
		t.kind = tkCloseParen
	case '[':
		t.kind = tkOpenBracket
	case '.':
		t.kind = tkAny
	case '^':
		t.kind, t.assert = tkAnchor, assertBegin
	case '$':
		t.kind, t.assert = tkAnchor, assertEnd
	}
	return t
}

// escapeToken reads a backslash and c; c is taken as written, even under
// REG_ICASE.
func escapeToken(c byte) ereToken {
	t := ereToken{kind: tkChar, c: c, size: 2}
	switch c {
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		t.kind, t.n = tkBackref, int(c-'0')
	case '<':
		t.kind, t.assert = tkAnchor, assertWordStart
	case '>':
		t.kind, t.assert = tkAnchor, assertWordEnd
	case 'b':
		t.kind, t.assert = tkAnchor, assertWordBoundary
	case 'B':
		t.kind, t.assert = tkAnchor, assertNotWordBoundary
	case '`':
		t.kind, t.assert = tkAnchor, assertBegin
	case '\'':
		t.kind, t.assert = tkAnchor, assertEnd
	case 'w', 'W', 's', 'S':
		t.kind = tkClass
	}
	return t
}

// ends reports whether the current token ends a branch at depth nest.
func (p *ereParser) ends(nest int) bool {
	k := p.tok.kind
	return k == tkAlt || k == tkEnd || (nest > 0 && k == tkCloseParen)
}

func (p *ereParser) regExp(nest int) (*ereNode, error) {
	initial := p.completed
	var alts []*ereNode
	for {
		branch := emptyNode()
		if !p.ends(nest) {
			acc := p.completed
			p.completed = initial
			b, err := p.branch(nest)
			if err != nil {
				return nil, err
			}
			p.completed |= acc
			branch = b
		}
		alts = append(alts, branch)
		if p.tok.kind != tkAlt {
			break
		}
		p.next()
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &ereNode{op: opAlt, subs: alts}, nil
}

func (p *ereParser) branch(nest int) (*ereNode, error) {
	var seq []*ereNode
	for !p.ends(nest) {
		n, err := p.expression(nest)
		if err != nil {
			return nil, err
		}
		if n != nil {
			seq = append(seq, n)
		}
	}
	switch len(seq) {
	case 0:
		return emptyNode(), nil
	case 1:
		return seq[0], nil
	}
	return &ereNode{op: opConcat, subs: seq}, nil
}

// expression parses one atom and the repetitions after it; nil is an
// atom repeated zero times.
func (p *ereParser) expression(nest int) (*ereNode, error) {
	var n *ereNode
	t := p.tok
	switch t.kind {
	case tkChar, tkCloseParen, tkCloseBrace:
		n = p.setNode(charSet(t.c))
	case tkAny:
		n = p.setNode(anyByteSet())
	case tkClass:
		n = p.setNode(escapeClassSet(t.c))
	case tkOpenParen:
		g, err := p.subExp(nest + 1)
		if err != nil {
			return nil, err
		}
		n = g
	case tkOpenBracket:
		s, err := p.bracket()
		if err != nil {
			return nil, err
		}
		n = p.setNode(s)
	case tkBackref:
		if p.completed&(1<<t.n) == 0 {
			return nil, errEREBackref
		}
		p.backrefs = true
		n = &ereNode{op: opBackref, n: t.n}
	case tkAnchor:
		p.next() // an anchor is never repeated
		return &ereNode{op: opAssert, assert: t.assert}, nil
	case tkBackslash:
		return nil, errEREEscape
	default: // a repetition with nothing before it
		return nil, errERERepeat
	}
	p.next()
	for {
		switch p.tok.kind {
		case tkStar, tkPlus, tkQuest, tkOpenBrace:
		default:
			return n, nil
		}
		var err error
		if n, err = p.repeat(n); err != nil {
			return nil, err
		}
	}
}

func (p *ereParser) subExp(nest int) (*ereNode, error) {
	p.ngroups++
	idx := p.ngroups
	p.next()
	inner := emptyNode()
	if p.tok.kind != tkCloseParen {
		var err error
		if inner, err = p.regExp(nest); err != nil {
			return nil, err
		}
		if p.tok.kind != tkCloseParen {
			return nil, errEREParen
		}
	}
	if idx <= 9 {
		p.completed |= 1 << idx
	}
	return &ereNode{op: opGroup, n: idx, subs: []*ereNode{inner}}, nil
}

// repeat applies the repetition operator at the current token to n.
func (p *ereParser) repeat(n *ereNode) (*ereNode, error) {
	lo, hi := 0, -1
	switch p.tok.kind {
	case tkPlus:
		lo = 1
	case tkQuest:
		hi = 1
	case tkOpenBrace:
		var err error
		if lo, hi, err = p.interval(); err != nil {
			return nil, err
		}
	}
	p.next()
	if n == nil || (lo == 0 && hi == 0) {
		return nil, nil
	}
	return &ereNode{op: opRepeat, min: lo, max: hi, subs: []*ereNode{n}}, nil
}

// interval reads "{m}", "{m,}", "{,n}" or "{m,n}"; -1 is no upper bound.
func (p *ereParser) interval() (int, int, error) {
	lo := p.number()
	if lo == -1 {
		if !p.isComma() {
			return 0, 0, errEREInterval
		}
		lo = 0
	}
	hi := 0
	if lo != -2 {
		switch {
		case p.tok.kind == tkCloseBrace:
			hi = lo
		case p.isComma():
			hi = p.number()
		default:
			hi = -2
		}
	}
	if lo == -2 || hi == -2 {
		if p.tok.kind == tkEnd {
			return 0, 0, errEREBrace
		}
		return 0, 0, errEREInterval
	}
	if (hi != -1 && lo > hi) || p.tok.kind != tkCloseBrace {
		return 0, 0, errEREInterval
	}
	if max(lo, hi) > ereDupMax {
		return 0, 0, errERETooBig
	}
	return lo, hi, nil
}

func (p *ereParser) isComma() bool {
	return p.tok.kind == tkChar && p.tok.c == ','
}

// number reads digits up to "," or "}": -1 when there are none, -2 when
// something else comes first or the pattern ends.
func (p *ereParser) number() int {
	num := -1
	for {
		p.next()
		t := p.tok
		if t.kind == tkEnd {
			return -2
		}
		if t.kind == tkCloseBrace || p.isComma() {
			return num
		}
		switch {
		case t.kind != tkChar || t.c < '0' || t.c > '9' || num == -2:
			num = -2
		case num == -1:
			num = int(t.c - '0')
		default:
			num = min(ereDupMax+1, num*10+int(t.c-'0'))
		}
	}
}

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
