package filter

import (
	"fmt"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// indexSel is ":index n [:last]" (RFC 5260 section 6): only the n-th
// field of each named header, counted from the top or from the bottom.
type indexSel struct {
	n    int
	last bool
}

func (s *indexSel) pick(vals []string) []string {
	if s == nil {
		return vals
	}
	if s.n > len(vals) {
		return nil
	}
	i := s.n - 1
	if s.last {
		i = len(vals) - s.n
	}
	return vals[i : i+1]
}

// indexArgs removes :index/:last from args and checks them.
func (c *compiler) indexArgs(u *unit, t parser.Test, args []parser.Arg, name string) ([]parser.Arg, *indexSel, error) {
	args, last := removeTag(args, "last")
	args, v, found := takeTag(args, "index")
	if !found {
		if last {
			return nil, nil, scriptErr(u.file, t.Position, ":last requires :index")
		}
		return args, nil, nil
	}
	if !u.has("index") {
		return nil, nil, scriptErr(u.file, t.Position, ":index requires the index extension")
	}
	if name != "header" && name != "address" && name != "date" {
		return nil, nil, scriptErr(u.file, t.Position, fmt.Sprintf(":index is not allowed for the %s test", name))
	}
	num, ok := v.(parser.NumberArg)
	if !ok || num.Value < 1 {
		return nil, nil, scriptErr(u.file, t.Position, ":index needs a positive number")
	}
	return args, &indexSel{n: num.Value, last: last}, nil
}

// plainView selects header fields by index.
func plainView(m interp.Message, idx *indexSel) interp.Message {
	return indexedMsg{Message: m, idx: idx}
}

type indexedMsg struct {
	interp.Message
	idx *indexSel
}

// HeaderGet implements interp.Message.
func (v indexedMsg) HeaderGet(key string) ([]string, error) {
	vals, err := v.Message.HeaderGet(key)
	return v.idx.pick(vals), err
}
