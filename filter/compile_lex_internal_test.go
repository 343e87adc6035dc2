package filter

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/foxcpp/go-sieve/parser"
)

func TestLex_tokens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []tokenKind
		text      string // text of the first token, when it has one
		num       uint64 // value of the first token, when a number
	}{
		{"identifier", "keep;", []tokenKind{tokIdentifier, tokSemicolon, tokEOF}, "keep", 0},
		{"underscore identifier", "_x1", []tokenKind{tokIdentifier, tokEOF}, "_x1", 0},
		{"tag", ":Is", []tokenKind{tokTag, tokEOF}, "Is", 0},
		{"lone colon", ": is", []tokenKind{tokColon, tokIdentifier, tokEOF}, "", 0},
		{"colon digit", ":1s", []tokenKind{tokColon, tokNumber, tokIdentifier, tokEOF}, "", 0},
		{"slash", "/ x", []tokenKind{tokSlash, tokIdentifier, tokEOF}, "", 0},
		{"punctuation", "[](){},;", []tokenKind{tokLSquare, tokRSquare, tokLParen, tokRParen,
			tokLCurly, tokRCurly, tokComma, tokSemicolon, tokEOF}, "", 0},
		{"escapes", `"a\"b\\c\d"`, []tokenKind{tokString, tokEOF}, `a"b\cd`, 0},
		{"LF in string", "\"a\nb\"", []tokenKind{tokString, tokEOF}, "a\r\nb", 0},
		{"CRLF in string", "\"a\r\nb\"", []tokenKind{tokString, tokEOF}, "a\r\nb", 0},
		{"kilo", "2K", []tokenKind{tokNumber, tokEOF}, "", 2048},
		{"mega lower", "3m", []tokenKind{tokNumber, tokEOF}, "", 3 << 20},
		{"giga", "1G", []tokenKind{tokNumber, tokEOF}, "", 1 << 30},
		{"uint64 max", "18446744073709551615", []tokenKind{tokNumber, tokEOF}, "", 1<<64 - 1},
		{"giga max", "17179869183G", []tokenKind{tokNumber, tokEOF}, "", 17179869183 << 30},
		{"number then word", "1Kb", []tokenKind{tokNumber, tokIdentifier, tokEOF}, "", 1024},
		{"text", "text:\nline\n.\n", []tokenKind{tokString, tokEOF}, "line\r\n", 0},
		{"TEXT upper", "TEXT: \t\r\nline\r\n.\r\n", []tokenKind{tokString, tokEOF}, "line\r\n", 0},
		{"text comment", "text: # note\nline\n.\n", []tokenKind{tokString, tokEOF}, "line\r\n", 0},
		{"text empty", "text:\n.\n", []tokenKind{tokString, tokEOF}, "", 0},
		{"text dot-stuffed first line", "text:\n..a\n.b\n.\n", []tokenKind{tokString, tokEOF}, ".a\r\n.b\r\n", 0},
		{"text identifier", "texts", []tokenKind{tokIdentifier, tokEOF}, "texts", 0},
		{"bare CR", "a\rb", []tokenKind{tokIdentifier, tokIdentifier, tokEOF}, "a", 0},
		{"comments", "/* x ** / */ a # c\r\n# end", []tokenKind{tokIdentifier, tokEOF}, "a", 0},
		{"32 characters", strings.Repeat("a", 32), []tokenKind{tokIdentifier, tokEOF}, strings.Repeat("a", 32), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			toks, err := lex("t.sieve", []byte(tt.src))
			require.NoError(t, err)
			kinds := make([]tokenKind, len(toks))
			for i, tok := range toks {
				kinds[i] = tok.kind
			}
			assert.Equal(t, tt.want, kinds)
			assert.Equal(t, tt.text, toks[0].text)
			assert.Equal(t, tt.num, toks[0].num)
		})
	}
}

func TestLex_errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"unterminated string", "keep;\n\"abc", 2, 5, "end of script"},
		{"NUL in string", "\"a\x00\"", 1, 3, "NUL"},
		{"NUL in hash comment", "# a\x00", 1, 4, "NUL"},
		{"NUL in bracket comment", "/*\x00*/", 1, 3, "NUL"},
		{"NUL outside", "keep\x00", 1, 5, "0x00"},
		{"unterminated comment", "/* a\n", 2, 1, "comment"},
		{"stray CR in string", "\"a\rb\"", 1, 4, "carriage return"},
		{"overflow", "18446744073709551616", 1, 21, "integer limits"},
		{"quantifier overflow", "17179869184G", 1, 13, "integer limits"},
		{"identifier too long", "x " + strings.Repeat("a", 33), 1, 3, "too long"},
		{"text junk", "text: x\n.\n", 1, 7, "after 'text:'"},
		{"text bracket comment", "text: /* */\n.\n", 1, 7, "after 'text:'"},
		{"text no final dot", "text:\nabc\n", 3, 1, "end of script"},
		{"text dot at end", "text:\nabc\n.", 3, 2, "end of script"},
		{"text hash at end", "text: # c", 1, 10, "end of script"},
		{"text stray CR", "text:\na\rb\n.\n", 2, 3, "carriage return"},
		{"garbage", "keep; $", 1, 7, "unexpected character '$'"},
		{"BOM", "\xef\xbb\xbfkeep;", 1, 1, "0xef"},
		{"form feed", "keep;\f", 1, 6, "0x0c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := lex("t.sieve", []byte(tt.src))
			var se *ScriptError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, "t.sieve", se.File)
			assert.Equal(t, []int{tt.line, tt.col}, []int{se.Line, se.Column}, se.Error())
			assert.Contains(t, se.Msg, tt.msg)
		})
	}
}

func TestParse_tree(t *testing.T) {
	t.Parallel()
	src := "if anyof (true, not false) { keep; }\nelse { }\nredirect 5 :tag [\"a\", \"b\"];"
	toks, err := lex("t.sieve", []byte(src))
	require.NoError(t, err)
	tree, err := parse("t.sieve", toks, 32)
	require.NoError(t, err)
	require.Len(t, tree.cmds, 3)

	anyof := tree.cmds[0].Tests[0]
	assert.Equal(t, "anyof", anyof.Id)
	assert.True(t, tree.testLists[anyof.Position])
	assert.False(t, tree.testLists[anyof.Tests[1].Position], "not takes a single test")
	assert.Len(t, anyof.Tests, 2)

	assert.NotNil(t, tree.cmds[1].Block, "an empty block is not a missing one")
	assert.Empty(t, tree.cmds[1].Block)

	args := tree.cmds[2].Args
	require.Len(t, args, 3)
	assert.Equal(t, 5, args[0].(parser.NumberArg).Value)
	assert.Equal(t, "tag", args[1].(parser.TagArg).Value)
	assert.Equal(t, []string{"a", "b"}, args[2].(parser.StringListArg).Value)
}

func TestParse_errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"trailing comma", `x ["a",];`, 1, 8, "expected a string after ','"},
		{"empty list", `x [];`, 1, 4, "expected a string after '['"},
		{"number in list", `x ["a", 1];`, 1, 9, "found number"},
		{"unclosed list", `x ["a" "b"];`, 1, 8, "expected ','"},
		{"test list trailing comma", `if anyof(true,) {}`, 1, 15, "expected a test after ','"},
		{"empty test list", `if anyof() {}`, 1, 10, "expected a test after '('"},
		{"unclosed test list", `if anyof(true {}`, 1, 15, "expected ','"},
		{"stray brace", "keep;\n}", 2, 1, "unexpected '}'"},
		{"stray semicolon", "keep;;", 1, 6, "unexpected ';'"},
		{"missing semicolon", "keep", 1, 5, "expected ';'"},
		{"missing brace", "if true {\nkeep;\n", 3, 1, "expected the end of the block"},
		{"lone colon", `x : is;`, 1, 3, "found ':'"},
		{"too many arguments", "x" + strings.Repeat(` "a"`, 33) + ";", 1, 1, "too many arguments"},
		{"block nesting", strings.Repeat("if true {", 3) + strings.Repeat("}", 3), 1, 27, "blocks deeper than 3"},
		{"test nesting", "if not not not true {}", 1, 12, "tests deeper than 3"},
		{"test list nesting", "if not not anyof(true) {}", 1, 12, "tests deeper than 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			toks, err := lex("t.sieve", []byte(tt.src))
			require.NoError(t, err)
			_, err = parse("t.sieve", toks, 3)
			var se *ScriptError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, []int{tt.line, tt.col}, []int{se.Line, se.Column}, se.Error())
			assert.Contains(t, se.Msg, tt.msg)
		})
	}
}

// FuzzLexParse checks that the lexer and parser never panic and that every
// error they return names a position inside the script.
func FuzzLexParse(f *testing.F) {
	f.Add("require [\"fileinto\"];\nif anyof (true, not false) { fileinto text:\n..x\n.\n; }")
	f.Add("if header :is \"a\" [\"b\",] { keep; } }")
	f.Add("x 18446744073709551615 17179869184G :t /* c */ # h")
	f.Fuzz(func(t *testing.T, src string) {
		toks, err := lex("f.sieve", []byte(src))
		if err == nil {
			_, err = parse("f.sieve", toks, 8)
		}
		if err == nil {
			return
		}
		var se *ScriptError
		if !assert.ErrorAs(t, err, &se) {
			return
		}
		lines := strings.Count(src, "\n") + 1
		if se.Line < 1 || se.Line > lines || se.Column < 1 {
			t.Fatalf("error outside the script (%d lines): %v", lines, se)
		}
	})
}

// BenchmarkLexParse measures the lexer and parser on a script of 1,000
// rules (about 100 KB).
func BenchmarkLexParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("require [\"fileinto\", \"variables\"];\n")
	for i := range 1000 {
		fmt.Fprintf(&sb, "if anyof (header :contains [\"subject\", \"from\"] \"word%d\", size :over 10K) {\n"+
			"  fileinto text:\nFolder%d\n.\n;\n} # rule %d\n", i, i, i)
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		toks, err := lex("b.sieve", src)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := parse("b.sieve", toks, 32); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDecodeEncoded(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want, err string }{
		{"${hex: 41 42 }", "AB", ""},
		{"${HEX:4}", "\x04", ""},
		{"${hex:4 1}", "\x04\x01", ""},
		{"${hex:0041}", "${hex:0041}", ""},
		{"${hex:41 zz}", "${hex:41 zz}", ""},
		{"${hex:}", "${hex:}", ""},
		{"$${hex:41}", "$A", ""},
		{"${hex:${hex:41}}", "${hex:A}", ""},
		{"${hex:24}{unicode:41}", "${unicode:41}", ""},
		{"${Unicode:00e9\t1F600}", "é😀", ""},
		{"${unicode:D800}", "", "invalid unicode character D800"},
		{"${unicode:110000}", "", "invalid unicode character 110000"},
		{"plain", "plain", ""},
	}
	for _, tt := range tests {
		got, err := decodeEncoded(tt.in)
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}
