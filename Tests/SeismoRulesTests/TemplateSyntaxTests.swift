@testable import SeismoRules
import Testing

/// The Go-template check accepts what Go's `text/template` parser accepts with Prometheus's functions and
/// variables, and rejects the rest at the offending character.
@Suite struct TemplateSyntaxTests {
    @Test(arguments: [
        "plain text, no actions",
        "unbalanced }} outside actions is text",
        "{{ $labels.instance }} of {{ $labels.job }} is down",
        "{{ $value }}",
        "{{ $value | humanize }} {{ $value | humanize1024 }} {{ $value | humanizeDuration }}",
        "{{ $value | humanizePercentage }} at {{ $value | humanizeTimestamp }}",
        "{{ printf \"%.2f\" $value }}",
        "{{ $externalLabels.cluster }} {{ $externalURL }}",
        "{{ .Labels.instance }} {{ .Value }} {{ . }}",
        "{{- $labels.host -}}",
        "{{-3}}",
        "{{/* a comment */}}x{{- /* trimmed */ -}}",
        "{{ if gt $value 1.0 }}high{{ else if lt $value 0.5 }}low{{ else }}mid{{ end }}",
        "{{ with $labels.dependency }}({{ . }}){{ end }}",
        "{{ with $x := $labels.a }}{{ $x }}{{ else }}none{{ end }}",
        "{{ range $i, $s := query \"up\" }}{{ $i }}: {{ $s.Labels.instance }}{{ end }}",
        "{{ range query \"up\" }}{{ if eq .Value 0.0 }}{{ break }}{{ end }}{{ continue }}{{ end }}",
        "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}",
        "{{ index $labels \"a-b\" }} {{ len $labels }} {{ (query \"up\" | first | value) }}",
        "{{ `raw {{ string` }} {{ 'c' }} {{ 0x1F }} {{ 1e3 }} {{ -2.5 }} {{ true }} {{ nil }}",
        "{{ define \"x\" }}{{ . }}{{ end }}{{ template \"x\" $labels }}",
        "{{ block \"y\" . }}default{{ end }}",
        "{{ reReplaceAll \"(.*):.*\" \"$1\" $labels.instance | toUpper | title }}",
        "{{ $labels.instance | stripPort }} {{ \"1h\" | parseDuration }}",
        "{{\n  $labels.a\n}}",
    ])
    func acceptedTemplates(text: String) {
        #expect(TemplateSyntax.check(text) == nil)
    }

    @Test(arguments: [
        ("{{ $labels.x ", 0, "unclosed action"),
        ("ab {{ $labels.x", 3, "unclosed action"),
        ("ab {{ $labels.x }", 16, "unrecognized character in action: U+007D '}'"),
        ("{{ humanise $value }}", 3, "function \"humanise\" not defined"),
        ("{{ $value | humanise }}", 12, "function \"humanise\" not defined"),
        ("{{ $foo }}", 3, "undefined variable \"$foo\""),
        ("{{ $x = 1 }}", 3, "undefined variable \"$x\""),
        ("{{ if $value }}x", 0, "unexpected EOF: {{if}} has no matching {{end}}"),
        ("{{ range $labels }}{{ with . }}x{{ end }}", 0, "unexpected EOF: {{range}} has no matching {{end}}"),
        ("x {{ end }}", 5, "unexpected {{end}}"),
        ("{{ else }}", 3, "unexpected {{else}}"),
        ("{{ if 1 }}{{ else }}{{ else }}{{ end }}", 23, "expected end; found {{else}}"),
        ("{{ if }}{{ end }}", 5, "missing value for if"),
        ("{{ end 1 }}", 7, "unexpected \"1\" in end"),
        ("{{ \"abc }}", 3, "unterminated quoted string"),
        ("{{ `abc }}", 3, "unterminated raw quoted string"),
        ("{{ }}", 0, "missing value for command"),
        ("{{ $value | }}", 10, "missing value for command"),
        ("{{ (printf \"x\" }}", 3, "unclosed left paren"),
        ("{{ printf \"x\") }}", 13, "unexpected right paren"),
        ("{{ break }}", 3, "{{break}} outside {{range}}"),
        ("{{ # }}", 3, "unrecognized character in action: U+0023 '#'"),
        ("{{/* x }}", 0, "unclosed comment"),
        ("{{/* x */ $value }}", 7, "comment ends before closing delimiter"),
        ("{{ range $i, $e := $labels }}{{ $e }}{{ end }}{{ $e }}", 49, "undefined variable \"$e\""),
        ("{{ $x, $y := 1 }}", 3, "too many declarations in command"),
        ("{{ define \"t\" }}{{ $labels }}{{ end }}", 19, "undefined variable \"$labels\""),
        ("{{ if 1 }}{{ define \"t\" }}{{ end }}{{ end }}", 13, "{{define}} inside {{if}}"),
        ("{{ template x }}", 12, "template needs a template name in quotes"),
        ("{{ 1 := 2 }}", 5, "unexpected \":=\" in operand"),
    ])
    func rejectedTemplates(text: String, offset: Int, message: String) {
        #expect(TemplateSyntax.check(text) == TemplateSyntax.Problem(offset: offset, message: message))
    }
}
