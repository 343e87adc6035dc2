package filter

// Bracket expressions, as glibc's parse_bracket_exp reads them.

type bracketKind uint8

const (
	bkChar     bracketKind = iota
	bkEnd                  // end of the pattern
	bkRange                // "-"
	bkClose                // "]"
	bkNonMatch             // "^"
	bkColl                 // "[."
	bkEquiv                // "[="
	bkClass                // "[:"
)

type bracketTok struct {
	kind bracketKind
	c    byte
	size int
}

// bracketElem is one element of a bracket expression: a character, or a
// collating element, equivalence class or character class by name.
type bracketElem struct {
	kind bracketKind // bkChar, bkColl, bkEquiv or bkClass
	c    byte
	name string
}

func (p *ereParser) peekBracket() bracketTok {
	if p.pos >= len(p.src) {
		return bracketTok{kind: bkEnd}
	}
	c := p.at(p.pos)
	t := bracketTok{kind: bkChar, c: c, size: 1}
	switch c {
	case '[':
		if p.pos+1 < len(p.src) {
			switch p.at(p.pos + 1) {
			case '.':
				t = bracketTok{kind: bkColl, c: '.', size: 2}
			case '=':
				t = bracketTok{kind: bkEquiv, c: '=', size: 2}
			case ':':
				t = bracketTok{kind: bkClass, c: ':', size: 2}
			}
		}
	case '-':
		t.kind = bkRange
	case ']':
		t.kind = bkClose
	case '^':
		t.kind = bkNonMatch
	}
	return t
}

// bracket parses a bracket expression; the "[" has been read.
func (p *ereParser) bracket() (byteSet, error) {
	var s byteSet
	t := p.peekBracket()
	nonMatch := t.kind == bkNonMatch
	if nonMatch {
		p.pos += t.size
		t = p.peekBracket()
	}
	if t.kind == bkEnd {
		return s, errEREBadPattern
	}
	if t.kind == bkClose { // "]" first is an ordinary character
		t.kind = bkChar
	}
	for first := true; ; first = false {
		var err error
		if t, err = p.bracketItem(&s, t, first); err != nil {
			return s, err
		}
		if t.kind == bkEnd {
			return s, errEREBracket
		}
		if t.kind == bkClose {
			break
		}
	}
	p.pos += t.size
	if nonMatch {
		s.invert()
	}
	return s, nil
}

// bracketItem adds one element or range starting at t to s and returns
// the token after it.
func (p *ereParser) bracketItem(s *byteSet, t bracketTok, first bool) (bracketTok, error) {
	start, err := p.bracketElement(t, first)
	if err != nil {
		return t, err
	}
	t = p.peekBracket()
	if start.kind != bkClass && start.kind != bkEquiv {
		if t.kind == bkEnd {
			return t, errEREBracket
		}
		if t.kind == bkRange {
			p.pos += t.size
			t2 := p.peekBracket()
			switch t2.kind {
			case bkEnd:
				return t, errEREBracket
			case bkClose: // a last "-" is an ordinary character
				p.pos -= t.size
				t.kind = bkChar
			default:
				end, err := p.bracketElement(t2, true)
				if err != nil {
					return t, err
				}
				return p.peekBracket(), addRange(s, start, end)
			}
		}
	}
	return t, p.addElement(s, start)
}

func (p *ereParser) bracketElement(t bracketTok, acceptHyphen bool) (bracketElem, error) {
	p.pos += t.size
	switch t.kind {
	case bkColl, bkEquiv, bkClass:
		return p.bracketSymbol(t)
	case bkRange:
		if !acceptHyphen && p.peekBracket().kind != bkClose {
			return bracketElem{}, errERERange
		}
	}
	return bracketElem{kind: bkChar, c: t.c}, nil
}

// bracketSymbol reads the name of "[.name.]", "[=name=]" or "[:name:]".
// Class names are read as written, the others upper-cased under
// REG_ICASE.
func (p *ereParser) bracketSymbol(t bracketTok) (bracketElem, error) {
	if p.pos >= len(p.src) {
		return bracketElem{}, errEREBracket
	}
	var name []byte
	for i := 0; ; i++ {
		if i >= 32 {
			return bracketElem{}, errEREBracket
		}
		ch := p.at(p.pos)
		if t.kind == bkClass {
			ch = p.src[p.pos]
		}
		p.pos++
		if p.pos >= len(p.src) {
			return bracketElem{}, errEREBracket
		}
		if ch == t.c && p.at(p.pos) == ']' {
			break
		}
		name = append(name, ch)
	}
	p.pos++
	return bracketElem{kind: t.kind, name: string(name)}, nil
}

func (p *ereParser) addElement(s *byteSet, e bracketElem) error {
	switch e.kind {
	case bkChar:
		s.add(e.c)
	case bkColl, bkEquiv:
		if len(e.name) != 1 {
			return errERECollate
		}
		s.add(e.name[0])
	case bkClass:
		name := e.name
		if p.fold && (name == "upper" || name == "lower") {
			name = "alpha"
		}
		c, ok := posixClass(name)
		if !ok {
			return errEREClass
		}
		s.union(c)
	}
	return nil
}

func addRange(s *byteSet, start, end bracketElem) error {
	lo, err := rangeEnd(start)
	if err != nil {
		return err
	}
	hi, err := rangeEnd(end)
	if err != nil {
		return err
	}
	if lo > hi {
		return errERERange
	}
	s.addRange(int(lo), int(hi))
	return nil
}

func rangeEnd(e bracketElem) (byte, error) {
	switch e.kind {
	case bkChar:
		return e.c, nil
	case bkColl:
		if len(e.name) != 1 {
			return 0, errERECollate
		}
		return e.name[0], nil
	}
	return 0, errERERange
}
