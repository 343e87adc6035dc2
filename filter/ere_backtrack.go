package filter

// A backtracking matcher for the expressions RE2 cannot run: those with
// back-references, or with \< and \> next to something that may or may
// not be a word character. At each start position, leftmost first, it
// tries every way to match and keeps the longest match (POSIX
// leftmost-longest); the groups are those of the first way, in the
// greedy order, that reaches that length. A back-reference compares
// upper-cased text under REG_ICASE, like glibc, and fails when its group
// did not take part in the match. The search gives up (no match) after
// backtrackSteps steps, a bound on pathological expressions.

// backtrackSteps bounds the work of one search.
const backtrackSteps = 1 << 18

type backtracker struct {
	in      string
	fold    bool
	caps    []int
	best    []int
	bestEnd int
	steps   int
}

// backtrack returns the offsets of the match of root in s and of its
// ngroups groups (-1 for groups not in the match), or nil; done is false
// when it gave up.
func backtrack(root *ereNode, ngroups int, fold bool, s string) (loc []int, done bool) {
	bt := &backtracker{in: s, fold: fold, caps: make([]int, 2*ngroups+2)}
	for start := 0; start <= len(s); start++ {
		for i := range bt.caps {
			bt.caps[i] = -1
		}
		bt.best, bt.bestEnd = nil, -1
		bt.match(root, start, func(end int) bool {
			if end > bt.bestEnd {
				bt.bestEnd = end
				bt.best = append(bt.best[:0], bt.caps...)
				bt.best[0], bt.best[1] = start, end
			}
			return end == len(s)
		})
		if bt.steps > backtrackSteps {
			return nil, false
		}
		if bt.best != nil {
			return bt.best, true
		}
	}
	return nil, true
}

// match matches n at pos and calls k with each end, in order of
// preference, until k returns true; it returns true when the search is
// over (found the longest possible match, or out of steps).
func (bt *backtracker) match(n *ereNode, pos int, k func(int) bool) bool {
	bt.steps++
	if bt.steps > backtrackSteps {
		return true
	}
	switch n.op {
	case opEmpty:
		return k(pos)
	case opSet:
		return pos < len(bt.in) && n.set.has(bt.in[pos]) && k(pos+1)
	case opConcat:
		return bt.seq(n.subs, pos, k)
	case opAlt:
		for _, s := range n.subs {
			if bt.match(s, pos, k) {
				return true
			}
		}
		return false
	case opGroup:
		return bt.group(n, pos, k)
	case opRepeat:
		return bt.repeat(n, 0, pos, k)
	case opBackref:
		end, ok := bt.backref(n.n, pos)
		return ok && k(end)
	}
	return bt.assert(n.assert, pos) && k(pos)
}

func (bt *backtracker) seq(subs []*ereNode, pos int, k func(int) bool) bool {
	if len(subs) == 0 {
		return k(pos)
	}
	return bt.match(subs[0], pos, func(e int) bool { return bt.seq(subs[1:], e, k) })
}

func (bt *backtracker) group(n *ereNode, pos int, k func(int) bool) bool {
	i := 2 * n.n
	return bt.match(n.subs[0], pos, func(e int) bool {
		s0, e0 := bt.caps[i], bt.caps[i+1]
		bt.caps[i], bt.caps[i+1] = pos, e
		if k(e) {
			return true
		}
		bt.caps[i], bt.caps[i+1] = s0, e0
		return false
	})
}

// repeat tries one more iteration first (greedy), then stopping. An
// iteration that matched nothing ends the repetition once min is
// reached, so that it cannot loop; after iterations that matched, it is
// not taken at all (its groups would be empty), as in glibc.
func (bt *backtracker) repeat(n *ereNode, count, pos int, k func(int) bool) bool {
	if n.max == -1 || count < n.max {
		more := bt.match(n.subs[0], pos, func(e int) bool {
			switch {
			case e != pos || count+1 < n.min:
				return bt.repeat(n, count+1, e, k)
			case count > 0 && count >= n.min: // glibc undoes an empty optional iteration
				return false
			}
			return k(e) // more empty iterations would change nothing
		})
		if more {
			return true
		}
	}
	return count >= n.min && k(pos)
}

func (bt *backtracker) backref(g, pos int) (int, bool) {
	s, e := bt.caps[2*g], bt.caps[2*g+1]
	if s < 0 {
		return 0, false
	}
	end := pos + e - s
	if end > len(bt.in) {
		return 0, false
	}
	for i := 0; i < e-s; i++ {
		a, b := bt.in[s+i], bt.in[pos+i]
		if bt.fold {
			a, b = upperASCII(a), upperASCII(b)
		}
		if a != b {
			return 0, false
		}
	}
	return end, true
}

func (bt *backtracker) assert(a ereAssert, pos int) bool {
	before := pos > 0 && wordSet.has(bt.in[pos-1])
	after := pos < len(bt.in) && wordSet.has(bt.in[pos])
	switch a {
	case assertBegin:
		return pos == 0
	case assertEnd:
		return pos == len(bt.in)
	case assertWordBoundary:
		return before != after
	case assertNotWordBoundary:
		return before == after
	case assertWordStart:
		return !before && after
	}
	return before && !after
}
