import { Module, OnModuleInit } from '@nestjs/common';
import { registerHtmlErrorPages } from '../common/errors/html-error-pages';
import { StaffModule } from '../staff/staff.module';
import { ConsoleAdminModule } from './admin/console-admin.module';
import { ConsoleCasesModule } from './cases/console-cases.module';
import { ConsoleAssetsController } from './shell/assets.controller';
import { consoleErrorPages } from './shell/error-pages';
import { ConsoleHomeController, ConsoleNotFoundController } from './shell/home.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { AccountController } from './sign-in/account.controller';
import { InvitationController } from './sign-in/invitation.controller';
import { ConsoleSupervisorModule } from './supervisor/console-supervisor.module';
import { ConsoleAuditorModule } from './auditor/console-auditor.module';

/**
 * The staff console (/console): server-rendered pages over the features' services. The shell
 * (layout, forms, errors as pages, sign-in) lives here; each area brings its own module.
 * Security headers and the language cookie: registerConsoleHttp (called by configureApp).
 */
@Module({
  imports: [StaffModule, ConsoleCasesModule, ConsoleSupervisorModule, ConsoleAuditorModule, ConsoleAdminModule],
  controllers: [ConsoleAssetsController, ConsoleHomeController, SignInController, AccountController, InvitationController, ConsoleNotFoundController],
})
export class WebModule implements OnModuleInit {
  onModuleInit(): void {
    // Errors under /console become pages (or a redirect to sign in), never the JSON body.
    registerHtmlErrorPages(consoleErrorPages);
  }
}
