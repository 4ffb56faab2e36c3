import { Menu, app, dialog, type MenuItemConstructorOptions } from 'electron';
import { APP_VERSION } from '@eoffice/host';

/** The application menu, in Vietnamese. */
export function installAppMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Tệp',
      submenu: [{ role: 'quit', label: 'Thoát' }],
    },
    {
      label: 'Chỉnh sửa',
      submenu: [
        { role: 'undo', label: 'Hoàn tác' },
        { role: 'redo', label: 'Làm lại' },
        { type: 'separator' },
        { role: 'cut', label: 'Cắt' },
        { role: 'copy', label: 'Sao chép' },
        { role: 'paste', label: 'Dán' },
        { role: 'selectAll', label: 'Chọn tất cả' },
      ],
    },
    {
      label: 'Xem',
      submenu: [
        { role: 'reload', label: 'Tải lại' },
        { type: 'separator' },
        { role: 'resetZoom', label: 'Cỡ chữ mặc định' },
        { role: 'zoomIn', label: 'Phóng to' },
        { role: 'zoomOut', label: 'Thu nhỏ' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Toàn màn hình' },
      ],
    },
    {
      label: 'Trợ giúp',
      submenu: [
        {
          label: 'Giới thiệu E-Office',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'E-Office',
              message: `E-Office Desktop ${APP_VERSION}`,
              detail: `Quản lý văn bản và điều hành theo Nghị định 30/2020/NĐ-CP.\nDữ liệu: ${app.getPath('userData')}`,
            }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
