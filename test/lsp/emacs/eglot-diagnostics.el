;;; eglot-diagnostics.el --- Emacs (eglot) as a real LSP client of the layerlint server -*- lexical-binding: t -*-
;; Run by test/lsp/emacs.test.ts: `emacs --batch -Q -l eglot-diagnostics.el`. Sets eglot up as
;; docs/editors.md shows (with the server command from LAYERLINT_CMD), opens LAYERLINT_FILE,
;; waits for the diagnostics flymake receives, and writes them as JSON to LAYERLINT_OUT.
(require 'package)
;; -Q skips the site files that add Debian's elpa-* packages (elpa-eglot, elpa-dockerfile-mode).
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'json)
(require 'eglot)
(require 'dockerfile-mode)

(defun layerlint-test--diagnostic (d)
  (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
    `((line . ,(1- (line-number-at-pos beg)))
      (col . ,(save-excursion (goto-char beg) (current-column)))
      (endLine . ,(1- (line-number-at-pos end)))
      (endCol . ,(save-excursion (goto-char end) (current-column)))
      (type . ,(symbol-name (flymake-diagnostic-type d)))
      (text . ,(flymake-diagnostic-text d)))))

(defun layerlint-test--run ()
  (let ((command (append (json-read-from-string (getenv "LAYERLINT_CMD")) nil)))
    ;; The setup from docs/editors.md, with the test's server command.
    (add-to-list 'eglot-server-programs (cons '(dockerfile-mode dockerfile-ts-mode) command))
    (setq-default eglot-workspace-configuration '(:layerlint (:run "onType")))
    (find-file (getenv "LAYERLINT_FILE"))
    (dockerfile-mode)
    (apply #'eglot (eglot--guess-contact))
    (let ((deadline (+ (float-time) 30)))
      (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
        (accept-process-output nil 0.1)))
    (let ((diagnostics (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
      `((server . ,(if (eglot-current-server) t :json-false))
        (diagnostics . ,(vconcat (mapcar #'layerlint-test--diagnostic diagnostics)))))))

(let ((result (condition-case failure
                  (layerlint-test--run)
                (error `((error . ,(error-message-string failure)))))))
  (with-temp-file (getenv "LAYERLINT_OUT")
    (insert (json-encode result)))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs (if (assq 'error result) 1 0)))
;;; eglot-diagnostics.el ends here
