/**
 * How the charger's web server (ASP.NET behind IIS) answers when something is wrong: IIS's HTML
 * error pages for an unknown path and a server error, and ASP.NET's validation problem details.
 */

export const IIS_500 = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>500 - Internal server error.</title>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>500 - Internal server error.</h2>
  <h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>
 </fieldset></div>
</div>
</body>
</html>
`;
export const IIS_404 = IIS_500.replaceAll('500 - Internal server error.', '404 - File or directory not found.')
  .replace('There is a problem with the resource you are looking for, and it cannot be displayed.', 'The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.');

/** ASP.NET's validation answer shape; `errors` maps a field to its messages. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: 400;
  traceId: string;
  errors: Record<string, string[]>;
}

export function problemDetails(errors: Record<string, string[]>, traceSeed: number): ProblemDetails {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return {
    type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
    title: 'One or more validation errors occurred.',
    status: 400,
    traceId: `00-${hex(traceSeed)}${hex(traceSeed * 31)}${hex(traceSeed * 17)}${hex(traceSeed * 7)}-${hex(traceSeed * 3)}${hex(traceSeed * 5)}-00`,
    errors,
  };
}
