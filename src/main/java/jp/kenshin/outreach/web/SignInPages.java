package jp.kenshin.outreach.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The application's own entry pages, in Japanese: the sign-in form at {@code /login} (Spring Security processes its
 * POST: fields {@code username}, {@code password} and the CSRF token {@code _csrf}) with the ward's name
 * ({@code kenshin.ward.name}), and the landing page at {@code /} that links the webapps and every
 * {@link LandingLink} the application declares (a bean per page, e.g. a dashboard).
 */
@Controller
class SignInPages {

    private final String wardName;
    private final ObjectProvider<LandingLink> links;

    SignInPages(@Value("${kenshin.ward.name:}") String wardName, ObjectProvider<LandingLink> links) {
        this.wardName = wardName == null ? "" : wardName.strip();
        this.links = links;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> signIn(HttpServletRequest request) {
        String notice = "";
        if (request.getParameter("error") != null) {
            notice = "<p class=\"error\" role=\"alert\">サインインできませんでした。ユーザーIDとパスワードを確かめてください。"
                    + "続けて間違えるとロックされます（解除は区の管理者に依頼してください）。</p>";
        } else if (request.getParameter("logout") != null) {
            notice = "<p class=\"info\" role=\"status\">サインアウトしました。</p>";
        } else if (request.getParameter("expired") != null) {
            notice = "<p class=\"info\" role=\"status\">一定時間操作がなかったため、サインインが切れました。もう一度サインインしてください。</p>";
        }
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String csrf = token == null ? "" : "<input type=\"hidden\" name=\"" + escape(token.getParameterName())
                + "\" value=\"" + escape(token.getToken()) + "\">";
        String body = """
                <main class="card">
                  <h1>%s</h1>
                  <p class="sub">特定健診 受診勧奨システム</p>
                  %s
                  <form method="post" action="login">
                    <label for="username">ユーザーID</label>
                    <input id="username" name="username" type="text" autocomplete="username" required autofocus>
                    <label for="password">パスワード</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required>
                    %s
                    <button type="submit">サインイン</button>
                  </form>
                  <p class="note">個人情報を扱うシステムです。利用は指定された担当者に限られ、すべての閲覧が記録されます。</p>
                </main>
                """.formatted(escape(title()), notice, csrf);
        return page("サインイン｜" + title(), body);
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> landing() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        StringBuilder items = new StringBuilder();
        List<LandingLink> all = new java.util.ArrayList<>(List.of(
                new LandingLink(10, "camunda/app/tasklist/", "タスク一覧（Tasklist）", "担当の仕事を開いて進めます"),
                new LandingLink(20, "camunda/app/cockpit/", "運用状況（Cockpit）", "プロセスの進み具合と障害を確かめます"),
                new LandingLink(30, "camunda/app/admin/", "利用者と権限（Admin）", "利用者・グループ・権限を管理します")));
        links.orderedStream().forEach(all::add);
        all.sort(java.util.Comparator.comparingInt(LandingLink::order));
        for (LandingLink link : all) {
            items.append("<li><a href=\"").append(escape(link.path())).append("\">").append(escape(link.title()))
                    .append("</a><span>").append(escape(link.description())).append("</span></li>\n");
        }
        String body = """
                <main class="card wide">
                  <h1>%s</h1>
                  <p class="sub">特定健診 受診勧奨システム　サインイン中：%s</p>
                  <ul class="links">
                %s  </ul>
                  <form method="post" action="logout" class="logout">%s<button type="submit">サインアウト</button></form>
                </main>
                """.formatted(escape(title()), escape(user == null ? "" : user.getName()), items, csrfField());
        return page(title(), body);
    }

    private String csrfField() {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
                && servlet.getRequest().getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            return "<input type=\"hidden\" name=\"" + escape(token.getParameterName()) + "\" value=\"" + escape(token.getToken()) + "\">";
        }
        return "";
    }

    private String title() {
        return wardName.isEmpty() ? "特定健診 受診勧奨" : wardName + "　特定健診 受診勧奨";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static ResponseEntity<String> page(String title, String body) {
        String html = """
                <!DOCTYPE html>
                <html lang="ja">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                  body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", "Meiryo", sans-serif; background: #f3f5f7;
                         margin: 0; color: #222; }
                  .card { max-width: 26rem; margin: 8vh auto; background: #fff; padding: 2rem 2.5rem; border-radius: 6px;
                          box-shadow: 0 1px 4px rgba(0,0,0,.15); }
                  .card.wide { max-width: 40rem; }
                  h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
                  .sub { color: #555; margin: 0 0 1.5rem; }
                  label { display: block; margin: 1rem 0 .3rem; font-weight: bold; }
                  input[type=text], input[type=password] { width: 100%%; box-sizing: border-box; padding: .5rem; font-size: 1rem;
                          border: 1px solid #999; border-radius: 4px; }
                  button { margin-top: 1.5rem; padding: .6rem 1.5rem; font-size: 1rem; background: #1d5fa8; color: #fff;
                           border: 0; border-radius: 4px; cursor: pointer; }
                  .error { color: #a00; background: #fdeeee; padding: .6rem; border-radius: 4px; }
                  .info { color: #145; background: #eef6fd; padding: .6rem; border-radius: 4px; }
                  .note { font-size: .85rem; color: #666; margin-top: 1.5rem; }
                  .links { list-style: none; padding: 0; }
                  .links li { margin: .8rem 0; }
                  .links a { font-size: 1.15rem; font-weight: bold; }
                  .links span { display: block; color: #555; font-size: .9rem; }
                  .logout button { background: #666; }
                </style>
                </head>
                <body>
                %s</body>
                </html>
                """.formatted(escape(title), body);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(new MediaType("text", "html",
                java.nio.charset.StandardCharsets.UTF_8)).body(html);
    }
}
