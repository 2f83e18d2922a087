import { Component, inject } from '@angular/core';
import { DomSanitizer, type SafeHtml, type SafeResourceUrl } from '@angular/platform-browser';
import { ActivatedRoute } from '@angular/router';
import DOMPurify from 'dompurify';

@Component({
  selector: 'app-search',
  template: '<h2 [innerHTML]="heading"></h2><iframe [src]="preview"></iframe><p [innerHTML]="hint"></p>',
})
export class SearchComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly sanitizer = inject(DomSanitizer);
  heading?: SafeHtml;
  preview?: SafeResourceUrl;
  hint?: SafeHtml;

  ngOnInit(): void {
    const q: string = this.route.snapshot.queryParams.q ?? '';
    this.heading = this.sanitizer.bypassSecurityTrustHtml(`Results for ${q}`); // vuln: js/xss-sanitizer-bypass
    this.hint = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(q)); // safe: js/xss-sanitizer-bypass
    this.route.paramMap.subscribe((params) => {
      this.preview = this.sanitizer.bypassSecurityTrustResourceUrl(params.get('doc') ?? ''); // vuln: js/xss-sanitizer-bypass
    });
  }
}
