//! The webassets plugin, natively: `{% assets filters="libsass,cssmin",
//! output="css/web-min.css", "css/main.scss" %}...{{ ASSET_URL }}...{% endassets %}`.
//!
//! minijinja has no custom tags, so a template is rewritten when it is loaded: the bundle
//! is built at once (SCSS compiled with grass, minified like `cssmin`, hashed like
//! webassets), the opening tag becomes `{% with ASSET_URL = "URL" %}` and the closing one
//! `{% endwith %}`. Line numbers are kept, so errors still point at the theme's own lines.
//! The built files are kept in [`AssetEnv`] and written with the site under
//! `THEME_STATIC_DIR/` (`themes/rusted/static/css/web-min.css`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One built bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltAsset {
    /// Where it is written, relative to the site root (`themes/rusted/static/css/web-min.css`).
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// What `ASSET_URL` is in the tag's body (`themes/rusted/static/css/web-min.css?0e4bee93`).
    pub url: String,
}

/// Where bundles read their inputs and where they go.
#[derive(Debug)]
pub struct AssetEnv {
    /// Folders inputs are looked up in, in order (the theme's `static/`).
    pub sources: Vec<PathBuf>,
    /// `THEME_STATIC_DIR`: the URL prefix and output folder of bundles.
    pub static_dir: String,
    built: Mutex<BTreeMap<String, BuiltAsset>>,
}

/// Why a `{% assets %}` tag could not be used: a message for the tag's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetError {
    /// 1-based line of the tag in its template.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl AssetEnv {
    /// An environment reading from `sources` and writing under `static_dir`.
    pub fn new(sources: Vec<PathBuf>, static_dir: &str) -> AssetEnv {
        AssetEnv {
            sources,
            static_dir: static_dir.trim_matches('/').to_string(),
            built: Mutex::new(BTreeMap::new()),
        }
    }

    /// Every bundle built so far, by output path.
    pub fn built(&self) -> Vec<BuiltAsset> {
        self.built
            .lock()
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default()
    }

    fn find(&self, rel: &str) -> Option<PathBuf> {
        if rel.split('/').any(|p| p == "..") || Path::new(rel).is_absolute() {
            return None;
        }
        self.sources
            .iter()
            .map(|s| s.join(rel))
            .find(|p| p.is_file())
    }

    /// Builds (once) the bundle `spec` and returns its URL.
    fn build(&self, spec: &BundleSpec) -> Result<String, String> {
        let output = spec
            .output
            .as_deref()
            .ok_or("an `assets` bundle needs `output=\"...\"` (where the built file goes)")?;
        if output.split('/').any(|p| p == ".." || p.is_empty()) {
            return Err(format!(
                "output `{output}` must be a relative path inside the theme's static folder"
            ));
        }
        let mut input_filters = Vec::new();
        let mut output_filters = Vec::new();
        for f in &spec.filters {
            match f.as_str() {
                "libsass" | "scss" | "sass" | "pyscss" => input_filters.push(f.as_str()),
                "cssmin" | "rcssmin" => output_filters.push(f.as_str()),
                other => {
                    return Err(format!(
                        "unsupported webassets filter `{other}` (twir supports libsass, scss, sass, pyscss, cssmin, rcssmin)"
                    ));
                }
            }
        }
        let mut parts = Vec::new();
        for input in &spec.inputs {
            let path = self.find(input).ok_or_else(|| {
                format!(
                    "asset input `{input}` not found in {}",
                    self.sources
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let text = if input_filters.is_empty() {
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?
            } else {
                compile_scss(&path, input_filters.contains(&"sass"))?
            };
            parts.push(text);
        }
        let mut text = parts.join("\n");
        if !output_filters.is_empty() {
            text = crate::cssmin::cssmin(&text);
        }
        let hash = hex8(&text);
        let (file, url_suffix) = if output.contains("%(version)s") {
            (output.replace("%(version)s", &hash), String::new())
        } else {
            (output.to_string(), format!("?{hash}"))
        };
        let path = if self.static_dir.is_empty() {
            file
        } else {
            format!("{}/{file}", self.static_dir)
        };
        let url = format!("{path}{url_suffix}");
        if let Ok(mut m) = self.built.lock() {
            m.insert(
                path.clone(),
                BuiltAsset {
                    path,
                    bytes: text.into_bytes(),
                    url: url.clone(),
                },
            );
        }
        Ok(url)
    }
}

fn hex8(text: &str) -> String {
    let digest = md5::compute(text.as_bytes());
    digest
        .0
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compiles an SCSS (or indented Sass) file with grass, then writes colours the way libsass
/// does (see [`libsass_colors`]).
fn compile_scss(path: &Path, indented: bool) -> Result<String, String> {
    let mut opts = grass::Options::default().style(grass::OutputStyle::Expanded);
    if indented {
        opts = opts.input_syntax(grass::InputSyntax::Sass);
    }
    if let Some(dir) = path.parent() {
        opts = opts.load_path(dir);
    }
    let css = grass::from_path(path, &opts)
        .map_err(|e| format!("{}: SCSS error: {e}", path.display()))?;
    Ok(libsass_colors(&css))
}

/// grass writes the result of `rgb(66, 139, 202)` as it was called; libsass (webassets'
/// `libsass` filter) writes computed colours by their CSS name when they have one, else as
/// lower-case hex. Themes hashed by webassets need libsass's bytes.
pub fn libsass_colors(css: &str) -> String {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    #[expect(
        clippy::expect_used,
        reason = "a constant pattern, compiled by every test that renders a theme"
    )]
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"\brgb\((\d{1,3}), (\d{1,3}), (\d{1,3})\)").expect("valid pattern")
    });
    re.replace_all(css, |c: &regex::Captures| {
        let n = |i: usize| c[i].parse::<u32>().unwrap_or(256);
        let (r, g, b) = (n(1), n(2), n(3));
        if r > 255 || g > 255 || b > 255 {
            return c[0].to_string();
        }
        let rgb = (r << 16) | (g << 8) | b;
        match COLOR_NAMES.binary_search_by_key(&rgb, |&(v, _)| v) {
            Ok(i) => COLOR_NAMES[i].1.to_string(),
            Err(_) => format!("#{rgb:06x}"),
        }
    })
    .into_owned()
}

/// CSS colour names by value (for values with two names, the CSS 2 one).
const COLOR_NAMES: &[(u32, &str)] = &[
    (0x000000, "black"),
    (0x000080, "navy"),
    (0x00008b, "darkblue"),
    (0x0000cd, "mediumblue"),
    (0x0000ff, "blue"),
    (0x006400, "darkgreen"),
    (0x008000, "green"),
    (0x008080, "teal"),
    (0x008b8b, "darkcyan"),
    (0x00bfff, "deepskyblue"),
    (0x00ced1, "darkturquoise"),
    (0x00fa9a, "mediumspringgreen"),
    (0x00ff00, "lime"),
    (0x00ff7f, "springgreen"),
    (0x00ffff, "aqua"),
    (0x191970, "midnightblue"),
    (0x1e90ff, "dodgerblue"),
    (0x20b2aa, "lightseagreen"),
    (0x228b22, "forestgreen"),
    (0x2e8b57, "seagreen"),
    (0x2f4f4f, "darkslategray"),
    (0x32cd32, "limegreen"),
    (0x3cb371, "mediumseagreen"),
    (0x40e0d0, "turquoise"),
    (0x4169e1, "royalblue"),
    (0x4682b4, "steelblue"),
    (0x483d8b, "darkslateblue"),
    (0x48d1cc, "mediumturquoise"),
    (0x4b0082, "indigo"),
    (0x556b2f, "darkolivegreen"),
    (0x5f9ea0, "cadetblue"),
    (0x6495ed, "cornflowerblue"),
    (0x663399, "rebeccapurple"),
    (0x66cdaa, "mediumaquamarine"),
    (0x696969, "dimgray"),
    (0x6a5acd, "slateblue"),
    (0x6b8e23, "olivedrab"),
    (0x708090, "slategray"),
    (0x778899, "lightslategray"),
    (0x7b68ee, "mediumslateblue"),
    (0x7cfc00, "lawngreen"),
    (0x7fff00, "chartreuse"),
    (0x7fffd4, "aquamarine"),
    (0x800000, "maroon"),
    (0x800080, "purple"),
    (0x808000, "olive"),
    (0x808080, "gray"),
    (0x87ceeb, "skyblue"),
    (0x87cefa, "lightskyblue"),
    (0x8a2be2, "blueviolet"),
    (0x8b0000, "darkred"),
    (0x8b008b, "darkmagenta"),
    (0x8b4513, "saddlebrown"),
    (0x8fbc8f, "darkseagreen"),
    (0x90ee90, "lightgreen"),
    (0x9370db, "mediumpurple"),
    (0x9400d3, "darkviolet"),
    (0x98fb98, "palegreen"),
    (0x9932cc, "darkorchid"),
    (0x9acd32, "yellowgreen"),
    (0xa0522d, "sienna"),
    (0xa52a2a, "brown"),
    (0xa9a9a9, "darkgray"),
    (0xadd8e6, "lightblue"),
    (0xadff2f, "greenyellow"),
    (0xafeeee, "paleturquoise"),
    (0xb0c4de, "lightsteelblue"),
    (0xb0e0e6, "powderblue"),
    (0xb22222, "firebrick"),
    (0xb8860b, "darkgoldenrod"),
    (0xba55d3, "mediumorchid"),
    (0xbc8f8f, "rosybrown"),
    (0xbdb76b, "darkkhaki"),
    (0xc0c0c0, "silver"),
    (0xc71585, "mediumvioletred"),
    (0xcd5c5c, "indianred"),
    (0xcd853f, "peru"),
    (0xd2691e, "chocolate"),
    (0xd2b48c, "tan"),
    (0xd3d3d3, "lightgray"),
    (0xd8bfd8, "thistle"),
    (0xda70d6, "orchid"),
    (0xdaa520, "goldenrod"),
    (0xdb7093, "palevioletred"),
    (0xdc143c, "crimson"),
    (0xdcdcdc, "gainsboro"),
    (0xdda0dd, "plum"),
    (0xdeb887, "burlywood"),
    (0xe0ffff, "lightcyan"),
    (0xe6e6fa, "lavender"),
    (0xe9967a, "darksalmon"),
    (0xee82ee, "violet"),
    (0xeee8aa, "palegoldenrod"),
    (0xf08080, "lightcoral"),
    (0xf0e68c, "khaki"),
    (0xf0f8ff, "aliceblue"),
    (0xf0fff0, "honeydew"),
    (0xf0ffff, "azure"),
    (0xf4a460, "sandybrown"),
    (0xf5deb3, "wheat"),
    (0xf5f5dc, "beige"),
    (0xf5f5f5, "whitesmoke"),
    (0xf5fffa, "mintcream"),
    (0xf8f8ff, "ghostwhite"),
    (0xfa8072, "salmon"),
    (0xfaebd7, "antiquewhite"),
    (0xfaf0e6, "linen"),
    (0xfafad2, "lightgoldenrodyellow"),
    (0xfdf5e6, "oldlace"),
    (0xff0000, "red"),
    (0xff00ff, "fuchsia"),
    (0xff1493, "deeppink"),
    (0xff4500, "orangered"),
    (0xff6347, "tomato"),
    (0xff69b4, "hotpink"),
    (0xff7f50, "coral"),
    (0xff8c00, "darkorange"),
    (0xffa07a, "lightsalmon"),
    (0xffa500, "orange"),
    (0xffb6c1, "lightpink"),
    (0xffc0cb, "pink"),
    (0xffd700, "gold"),
    (0xffdab9, "peachpuff"),
    (0xffdead, "navajowhite"),
    (0xffe4b5, "moccasin"),
    (0xffe4c4, "bisque"),
    (0xffe4e1, "mistyrose"),
    (0xffebcd, "blanchedalmond"),
    (0xffefd5, "papayawhip"),
    (0xfff0f5, "lavenderblush"),
    (0xfff5ee, "seashell"),
    (0xfff8dc, "cornsilk"),
    (0xfffacd, "lemonchiffon"),
    (0xfffaf0, "floralwhite"),
    (0xfffafa, "snow"),
    (0xffff00, "yellow"),
    (0xffffe0, "lightyellow"),
    (0xfffff0, "ivory"),
    (0xffffff, "white"),
];

/// What an `{% assets %}` tag asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct BundleSpec {
    inputs: Vec<String>,
    filters: Vec<String>,
    output: Option<String>,
}

/// Rewrites every `{% assets %}...{% endassets %}` of a template's `source` (see the module
/// documentation), building the bundles it names.
pub fn translate(source: &str, env: &AssetEnv) -> Result<String, AssetError> {
    let mut out = String::with_capacity(source.len());
    let mut depth = 0usize;
    let mut last_open_line = 0;
    let mut i = 0;
    while let Some(rel) = source[i..].find('{') {
        let start = i + rel;
        let rest = &source[start..];
        if rest.starts_with("{#") {
            let end = rest.find("#}").map_or(source.len(), |e| start + e + 2);
            out.push_str(&source[i..end]);
            i = end;
            continue;
        }
        if !rest.starts_with("{%") {
            out.push_str(&source[i..start + 1]);
            i = start + 1;
            continue;
        }
        let Some(end) = tag_end(source, start + 2) else {
            // An unclosed tag: minijinja reports it.
            out.push_str(&source[i..]);
            i = source.len();
            break;
        };
        let tag = &source[start..end];
        let (word, args) = tag_word(tag);
        let line = line_of(source, start);
        match word {
            "raw" => {
                let close = find_endraw(source, end).unwrap_or(source.len());
                out.push_str(&source[i..close]);
                i = close;
            }
            "assets" => {
                out.push_str(&source[i..start]);
                let spec = parse_args(args).map_err(|message| AssetError { line, message })?;
                if spec.inputs.is_empty() {
                    return Err(AssetError {
                        line,
                        message: "an `assets` tag needs at least one input file".into(),
                    });
                }
                let url = env
                    .build(&spec)
                    .map_err(|message| AssetError { line, message })?;
                let (open, close) = markers(tag);
                out.push_str(open);
                out.push_str(" with ASSET_URL = \"");
                for c in url.chars() {
                    if matches!(c, '"' | '\\') {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
                out.extend(std::iter::repeat_n('\n', tag.matches('\n').count()));
                out.push(' ');
                out.push_str(close);
                depth += 1;
                last_open_line = line;
                i = end;
            }
            "endassets" => {
                if depth == 0 {
                    return Err(AssetError {
                        line,
                        message: "`endassets` without an opening `assets` tag".into(),
                    });
                }
                depth -= 1;
                out.push_str(&source[i..start]);
                let (open, close) = markers(tag);
                out.push_str(open);
                out.push_str(" endwith");
                out.extend(std::iter::repeat_n('\n', tag.matches('\n').count()));
                out.push(' ');
                out.push_str(close);
                i = end;
            }
            _ => {
                out.push_str(&source[i..end]);
                i = end;
            }
        }
    }
    out.push_str(&source[i..]);
    if depth > 0 {
        return Err(AssetError {
            line: last_open_line,
            message: "`assets` tag without `endassets`".into(),
        });
    }
    Ok(out)
}

fn line_of(source: &str, at: usize) -> usize {
    source[..at].matches('\n').count() + 1
}

/// End (after `%}`) of the tag whose content starts at `from`; quotes are skipped.
fn tag_end(source: &str, from: usize) -> Option<usize> {
    let b = source.as_bytes();
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), b'\\') => i += 1,
            (Some(_), _) => {}
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (None, b'%') if b.get(i + 1) == Some(&b'}') => return Some(i + 2),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The tag's first word and the text after it (without the closing marker).
fn tag_word(tag: &str) -> (&str, &str) {
    let inner = tag
        .strip_prefix("{%")
        .unwrap_or(tag)
        .strip_suffix("%}")
        .unwrap_or(tag);
    let inner = inner.strip_prefix(['-', '+']).unwrap_or(inner);
    let inner = inner.strip_suffix(['-', '+']).unwrap_or(inner);
    let inner = inner.trim_start();
    let end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    (&inner[..end], &inner[end..])
}

/// `{%` / `%}` with the tag's whitespace-control markers.
fn markers(tag: &str) -> (&str, &str) {
    let open = if tag.starts_with("{%-") || tag.starts_with("{%+") {
        &tag[..3]
    } else {
        "{%"
    };
    let close = if tag.ends_with("-%}") || tag.ends_with("+%}") {
        &tag[tag.len() - 3..]
    } else {
        "%}"
    };
    (open, close)
}

fn find_endraw(source: &str, from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(rel) = source[i..].find("{%") {
        let start = i + rel;
        let end = tag_end(source, start + 2)?;
        if tag_word(&source[start..end]).0 == "endraw" {
            return Some(end);
        }
        i = end;
    }
    None
}

/// Parses `filters="a,b", output="x.css", "in1.scss", 'in2.css'` (the forms webassets'
/// Jinja2 tag accepts with literal strings).
fn parse_args(args: &str) -> Result<BundleSpec, String> {
    let mut spec = BundleSpec::default();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let (key, after_key) = match rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            Some(n)
                if n > 0
                    && rest[n..].trim_start().starts_with('=')
                    && !rest[n..].trim_start().starts_with("==") =>
            {
                (Some(&rest[..n]), rest[n..].trim_start()[1..].trim_start())
            }
            _ => (None, rest),
        };
        let (value, after) = string_literal(after_key).ok_or_else(|| {
            format!(
                "unsupported `assets` argument `{}` (twir reads quoted strings: input files, filters=\"...\", output=\"...\")",
                rest.split(',').next().unwrap_or(rest).trim()
            )
        })?;
        match key {
            None => spec.inputs.push(value),
            Some("filters") => spec.filters.extend(
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string),
            ),
            Some("output") => spec.output = Some(value),
            Some("debug") | Some("depends") => {}
            Some(other) => {
                return Err(format!(
                    "unsupported `assets` option `{other}` (twir reads filters=, output=, debug=, depends=)"
                ));
            }
        }
        let after = after.trim_start();
        rest = match after.strip_prefix(',') {
            Some(r) => r.trim_start(),
            None if after.is_empty() => after,
            None => {
                return Err(format!(
                    "expected `,` between `assets` arguments, found `{after}`"
                ));
            }
        };
    }
    Ok(spec)
}

/// A quoted string at the start of `s` and the text after it.
fn string_literal(s: &str) -> Option<(String, &str)> {
    let q = s.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let mut out = String::new();
    let mut chars = s[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?.1),
            c if c == q => return Some((out, &s[1 + i + 1..])),
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme() -> (tempfile::TempDir, AssetEnv) {
        let dir = tempfile::tempdir().unwrap();
        let css = dir.path().join("static/css");
        std::fs::create_dir_all(&css).unwrap();
        std::fs::write(css.join("_vars.scss"), "$c: #EEEEEE;\n").unwrap();
        std::fs::write(
            css.join("main.scss"),
            "@import \"vars\";\n/* note */\nbody { color: $c; background: rgb(255, 255, 255); margin: 0px; }\n",
        )
        .unwrap();
        let env = AssetEnv::new(vec![dir.path().join("static")], "theme/static/");
        (dir, env)
    }

    #[test]
    fn rewrites_the_tag_builds_and_keeps_lines() {
        let (_dir, env) = theme();
        let src = "a\n{% assets filters=\"libsass,cssmin\",\n output=\"css/min.css\", \"css/main.scss\" %}\n<link href=\"/{{ ASSET_URL }}\">\n{%- endassets %}\nz";
        let out = translate(src, &env).unwrap();
        let built = env.built();
        assert_eq!(built.len(), 1);
        assert_eq!(built[0].path, "theme/static/css/min.css");
        assert_eq!(
            String::from_utf8_lossy(&built[0].bytes),
            "body{color:#EEE;background:white;margin:0}"
        );
        assert_eq!(
            built[0].url,
            format!(
                "theme/static/css/min.css?{}",
                hex8("body{color:#EEE;background:white;margin:0}")
            )
        );
        assert_eq!(out.matches('\n').count(), src.matches('\n').count());
        assert!(
            out.starts_with(&format!(
                "a\n{{% with ASSET_URL = \"{}\"\n %}}",
                built[0].url
            )),
            "{out}"
        );
        assert!(out.contains("{%- endwith %}\nz"), "{out}");
    }

    #[test]
    fn errors_name_the_line() {
        let (_dir, env) = theme();
        let e = translate("x\n\n{% assets filters=\"uglify\", output=\"a.js\", \"css/main.scss\" %}{% endassets %}", &env).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("unsupported webassets filter `uglify`"),
            "{e:?}"
        );
        let e = translate(
            "{% assets output=\"a.css\", \"nope.css\" %}{% endassets %}",
            &env,
        )
        .unwrap_err();
        assert!(e.message.contains("`nope.css` not found"), "{e:?}");
        let e = translate("{% assets output=\"a.css\", \"css/main.scss\" %}", &env).unwrap_err();
        assert!(e.message.contains("without `endassets`"), "{e:?}");
        let e = translate(
            "{% assets output=x, \"css/main.scss\" %}{% endassets %}",
            &env,
        )
        .unwrap_err();
        assert!(e.message.contains("unsupported `assets` argument"), "{e:?}");
        let e = translate("{% endassets %}", &env).unwrap_err();
        assert!(e.message.contains("without an opening"), "{e:?}");
    }

    #[test]
    fn comments_and_raw_blocks_are_left_alone() {
        let (_dir, env) = theme();
        let src = "{# {% assets %} #}{% raw %}{% assets %}{% endraw %}{{ '{' }}";
        assert_eq!(translate(src, &env).unwrap(), src);
        assert!(env.built().is_empty());
    }

    #[test]
    fn libsass_color_names() {
        assert_eq!(
            libsass_colors(
                "a { color: rgb(255, 255, 255); b: rgb(66, 139, 202); c: rgb(1, 2, 300); }"
            ),
            "a { color: white; b: #428bca; c: rgb(1, 2, 300); }"
        );
    }
}
