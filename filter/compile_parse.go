package filter

import (
	"fmt"
	"math"

	"github.com/foxcpp/go-sieve/lexer"
	"github.com/foxcpp/go-sieve/parser"
)

// The parser builds go-sieve's syntax tree with the grammar of RFC 5228
// section 8 as Pigeonhole reads it (lib-sieve/sieve-parser.c), which
// go-sieve's parser does not: a string list or test list needs at least one
// element and no trailing comma, a "}" without its "{" is an error (go-sieve
// silently drops what follows it), at most 32 arguments per command or
// test, and the nesting limits count the top level. It also records which
// commands and tests were given a parenthesised test list, which go-sieve's
// tree cannot tell from a single test.

// maxArguments is Pigeonhole's SIEVE_MAX_COMMAND_ARGUMENTS.
const maxArguments = 32

// syntaxTree is what parse returns.
type syntaxTree struct {
	cmds []parser.Cmd
	// testLists holds the positions of the commands and tests whose tests
	// were given as a "(...)" test list.
	testLists map[lexer.Position]bool
}

type parseState struct {
	file     string
	toks     []token
	i        int
	maxDepth int
	tree     syntaxTree
}

// parse reads a whole script. maxDepth bounds the nesting of blocks and of
// tests, counting the top level (Pigeonhole's limit is 32).
func parse(file string, toks []token, maxDepth int) (syntaxTree, error) {
	p := &parseState{file: file, toks: toks, maxDepth: maxDepth,
		tree: syntaxTree{testLists: map[lexer.Position]bool{}}}
	cmds, err := p.commands(1)
	if err != nil {
		return syntaxTree{}, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return syntaxTree{}, p.errAt(t, "unexpected %s found at the end of the script", t.describe())
	}
	p.tree.cmds = cmds
	return p.tree, nil
}

// peek returns the current token; the last token is always tokEOF.
func (p *parseState) peek() token { return p.toks[p.i] }

func (p *parseState) pop() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

func (p *parseState) errAt(t token, format string, args ...any) *ScriptError {
	return scriptErr(p.file, t.pos, fmt.Sprintf(format, args...))
}

// commands reads commands up to a token that cannot start one.
func (p *parseState) commands(depth int) ([]parser.Cmd, error) {
	out := []parser.Cmd{}
	for p.peek().kind == tokIdentifier {
		id := p.pop()
		cmd := parser.Cmd{Position: id.pos, Id: id.text}
		var err error
		if cmd.Args, cmd.Tests, err = p.arguments(id, 1); err != nil {
			return nil, err
		}
		switch end := p.pop(); end.kind {
		case tokSemicolon:
		case tokLCurly:
			if depth+1 > p.maxDepth {
				return nil, p.errAt(end, "cannot nest command blocks deeper than %d levels", p.maxDepth)
			}
			if cmd.Block, err = p.commands(depth + 1); err != nil {
				return nil, err
			}
			if t := p.pop(); t.kind != tokRCurly {
				return nil, p.errAt(t, "expected the end of the block '}', but found %s", t.describe())
			}
		default:
			return nil, p.errAt(end, "expected ';' or a block '{' after command '%s', but found %s", id.text, end.describe())
		}
		out = append(out, cmd)
	}
	return out, nil
}

// arguments reads the arguments of a command or test, then its test or
// test list. depth is the nesting of node.
func (p *parseState) arguments(node token, depth int) ([]parser.Arg, []parser.Test, error) {
	var args []parser.Arg
	for {
		arg, ok, err := p.argument()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			break
		}
		if args = append(args, arg); len(args) > maxArguments {
			return nil, nil, p.errAt(node, "too many arguments for '%s' (at most %d)", node.text, maxArguments)
		}
	}
	switch t := p.peek(); t.kind {
	case tokIdentifier:
		if depth+1 > p.maxDepth {
			return nil, nil, p.errAt(t, "cannot nest tests deeper than %d levels", p.maxDepth)
		}
		test, err := p.test(depth + 1)
		if err != nil {
			return nil, nil, err
		}
		return args, []parser.Test{test}, nil
	case tokLParen:
		if depth+1 > p.maxDepth {
			return nil, nil, p.errAt(t, "cannot nest tests deeper than %d levels", p.maxDepth)
		}
		p.pop()
		p.tree.testLists[node.pos] = true
		tests, err := p.testList(depth + 1)
		return args, tests, err
	}
	return args, nil, nil
}

// argument reads a string list, string, number or tag; ok is false when
// the current token is none of them.
func (p *parseState) argument() (parser.Arg, bool, error) {
	t := p.peek()
	switch t.kind {
	case tokString:
		p.pop()
		return parser.StringArg{Value: t.text, Position: t.pos}, true, nil
	case tokNumber:
		p.pop()
		// Numbers above the largest int compare like it: no size or
		// period reaches either.
		v := int(min(t.num, math.MaxInt64))
		return parser.NumberArg{Value: v, Position: t.pos}, true, nil
	case tokTag:
		p.pop()
		return parser.TagArg{Value: t.text, Position: t.pos}, true, nil
	case tokLSquare:
		p.pop()
		list, err := p.stringList()
		return parser.StringListArg{Value: list, Position: t.pos}, err == nil, err
	}
	return nil, false, nil
}

// stringList reads the strings of a "[...]" list; "[" is already read.
func (p *parseState) stringList() ([]string, error) {
	var out []string
	after := "'['"
	for {
		t := p.pop()
		if t.kind != tokString {
			return nil, p.errAt(t, "expected a string after %s in string list, but found %s", after, t.describe())
		}
		out = append(out, t.text)
		switch t = p.pop(); t.kind {
		case tokComma:
			after = "','"
		case tokRSquare:
			return out, nil
		default:
			return nil, p.errAt(t, "expected ',' or the end of the string list ']', but found %s", t.describe())
		}
	}
}

// test reads one test: an identifier and its arguments.
func (p *parseState) test(depth int) (parser.Test, error) {
	id := p.pop()
	test := parser.Test{Position: id.pos, Id: id.text}
	var err error
	test.Args, test.Tests, err = p.arguments(id, depth)
	return test, err
}

// testList reads the tests of a "(...)" list; "(" is already read.
func (p *parseState) testList(depth int) ([]parser.Test, error) {
	var out []parser.Test
	after := "'('"
	for {
		if t := p.peek(); t.kind != tokIdentifier {
			return nil, p.errAt(t, "expected a test after %s in test list, but found %s", after, t.describe())
		}
		test, err := p.test(depth)
		if err != nil {
			return nil, err
		}
		out = append(out, test)
		switch t := p.pop(); t.kind {
		case tokComma:
			after = "','"
		case tokRParen:
			return out, nil
		default:
			return nil, p.errAt(t, "expected ',' or the end of the test list ')', but found %s", t.describe())
		}
	}
}
